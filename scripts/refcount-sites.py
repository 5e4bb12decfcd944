#!/usr/bin/env python3
"""Where Swift reference counting is called from, by call site, in a callgrind profile.

    valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file=OUT \
        .build/release/actorgraph build CORPUS --store S --quiet
    python3 scripts/refcount-sites.py OUT .build/release/actorgraph [N]

Prints the total of calls to swift_retain / swift_release and their bridge-object and _n forms made
from BINARY's own code, then the N busiest call sites (default 40): the count, the address, the
nearest source line before it (compiler-generated code has none of its own) and the function.
Session 26 used it to find the string copies made for `withUTF8` (README, "Session 26").
"""
import sys,re,collections,subprocess,signal
signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet when piped into head
path,binary=sys.argv[1],sys.argv[2]
n=int(sys.argv[3]) if len(sys.argv)>3 else 40
names={}   # callgrind's compressed names: (kind, id) -> name
def name(kind,s):
    m=re.match(r'\((\d+)\)(?: (.*))?',s)
    if not m: return s
    k=(kind,m.group(1))
    if m.group(2): names[k]=m.group(2)
    return names.get(k,'?')
want=re.compile(r'^(swift_retain|swift_release|swift_bridgeObjectRetain|swift_bridgeObjectRelease)(_n)?$')
sites=collections.Counter()
fn=None; cfn=None; pending=None; last=0; obj=None; fobj=None
for line in open(path):
    line=line.rstrip('\n')
    if line.startswith('ob='): obj=name('ob',line[3:]); continue
    if line.startswith('fl=') or line.startswith('fi=') or line.startswith('fe='): continue
    if line.startswith('fn='): fn=name('fn',line[3:]); fobj=obj; continue
    if line.startswith('cob='): name('ob',line[4:]); continue
    if line.startswith('cfi=') or line.startswith('cfl='): continue
    if line.startswith('cfn='): cfn=name('fn',line[4:]); continue
    if line.startswith('calls='):
        pending=int(line.split()[0][6:]); continue
    if line and (line[0] in '+-*0123456789'):
        tok=line.split()[0]
        if tok.startswith('0x'): a=int(tok,16)
        elif tok[0]=='+': a=last+int(tok[1:])
        elif tok[0]=='-': a=last-int(tok[1:])
        elif tok=='*': a=last
        else: a=int(tok)
        last=a
        if pending is not None:
            if cfn and want.match(cfn) and fobj and binary.split('/')[-1] in fobj:
                sites[(a,fn)]+=pending
            pending=None
top=sites.most_common(n)
def near(a):
    cands=[hex(a-k) for k in range(0,200,1)]
    out=subprocess.run(['addr2line','-e',binary]+cands,capture_output=True,text=True).stdout.split('\n')
    for o in out:
        if o and 'compiler-generated' not in o and not o.endswith(':0') and '?' not in o: return '~'+o.split('/')[-1]
    return '?'
tot=sum(sites.values())
print('total refcount calls from', binary.split('/')[-1], tot)
for (a,f),c in top:
    print(f"{c:>9,} {hex(a):>9} {near(a):<30} {f[:80]}")
