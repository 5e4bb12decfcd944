@testable import ActorGraphCLI
import Foundation
import Testing

@Suite("Reading files in bounded chunks")
struct ChunkedFileTests {
    /// Lines of many lengths, some longer than one read, crossing every chunk boundary.
    func sampleLines() -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var state: UInt64 = 42
        for i in 0..<4000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = i % 997 == 0 ? 1_300_000 : Int(state >> 33) % 2500
            lines.append(Array("\(i):".utf8) + Array(repeating: UInt8(0x61 + i % 26), count: length) + (i % 7 == 0 ? [0x0D] : []))
        }
        return lines
    }

    @Test func linesComeBackWholeAcrossChunkBoundaries() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let lines = sampleLines()
        try Data(lines.joined(separator: [0x0A])).write(to: url)
        let file = try ChunkedFile(path: url.path)
        var read: [[UInt8]] = []
        var tooLong: [Int] = []
        var offsets: [Int] = []
        while true {
            offsets.append(file.offset)
            guard let line = try file.nextLine(limit: 1_000_000) else { break }
            switch line {
            case .line(let bytes): read.append(bytes)
            case .tooLong(let n): tooLong.append(n); read.append([])
            }
        }
        #expect(read.count == lines.count)
        guard read.count == lines.count else { return }
        var expectedOffset = 0
        for (i, line) in lines.enumerated() {
            let stripped = line.last == 0x0D ? Array(line.dropLast()) : line
            if line.count > 1_000_000 {
                #expect(read[i].isEmpty, "line \(i) is over the limit but was read")
            } else {
                let same = read[i] == stripped
                #expect(same, "line \(i) differs")
                if !same { return }
            }
            #expect(offsets[i] == expectedOffset, "offset of line \(i)")
            expectedOffset += line.count + 1
        }
        #expect(tooLong.count == lines.filter { $0.count > 1_000_000 }.count)
    }

    @Test func partsPutTogetherGiveTheFileAndEndAtABreak() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parts-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        var bytes: [UInt8] = []
        for i in 0..<60_000 {
            bytes += Array("جملة رقم \(i) عن الاشتباكات".utf8) + (i % 3 == 0 ? Array(". ".utf8) : [0x20])
        }
        try Data(bytes).write(to: url)
        let file = try ChunkedFile(path: url.path)
        var joined: [UInt8] = []
        var parts = 0
        while let part = try file.nextPart(size: 100_000) {
            #expect(part.count <= 100_000)
            #expect(String(validating: part, as: UTF8.self) != nil, "a part was cut inside a character")
            if joined.count + part.count < bytes.count { #expect(part.last == 0x2E || part.last == 0x20) }
            joined += part
            parts += 1
        }
        let same = joined == bytes
        #expect(same, "the parts do not add up to the file")
        #expect(parts >= bytes.count / 100_000)
    }
}
