#!/usr/bin/env python3
"""Consistency checker for the actorgraph ontology data files.

Usage:
    python3 Ontology/check_ontology.py [CANONICAL_IDS_TSV] [--dir ONTOLOGY_DIR] [--quiet]

CANONICAL_IDS_TSV defaults to ../shared/ontology/canonical-ids.tsv beside the
repository (or /work/shared/ontology/canonical-ids.tsv); when none is found the
canonical checks are skipped with a warning.

Checks actors.tsv, aliases.tsv and places.tsv (in ONTOLOGY_DIR, default: the
directory of this script) and exits 1 when any error is found.  Errors and
warnings name file:line.  Standard library only.
"""

import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

ACTOR_KINDS = {"armed_group", "state", "alliance", "person", "population", "media", "other"}
ALIAS_TYPES = {"name", "abbrev", "former", "adjectival", "variant", "quoted",
               "metonym", "english", "descriptor", "nisba"}
PLACE_TYPES = {"governorate", "district", "subdistrict", "city", "town", "village",
               "neighbourhood", "crossing", "airport", "base", "oilfield", "dam",
               "region", "river", "mountain"}
# place types that may legitimately span governorates (parent "-")
SPANNING_TYPES = {"governorate", "region", "river", "mountain"}
COUNTRIES = {"SY": "sy_", "IQ": "iq_"}
MAX_EXTRA_ACTORS = 15
MIN_ALIASES = 3
MAJOR_ACTORS = ["ISIS", "SYRIAN_GOVERNMENT", "SDF", "HTS", "NUSRA_FRONT", "RUSSIA", "IRAN",
                "TURKEY", "COALITION", "UNITED_STATES", "CIVILIANS", "PMF", "IRAQI_FORCES",
                "SYRIAN_OPPOSITION", "IRAN_BACKED_MILITIAS", "HEZBOLLAH"]
MAJOR_MIN_ALIASES = 8

# Bare generic words that are anaphors handled elsewhere, never aliases or place names
# (compared after normalization).
GENERIC_RAW = """
الهيئة التنظيم الحركة النظام الدولة الجبهة الجيش القوات القوة التحالف الحزب الفصائل الفصيل
الميليشيا المليشيا الميليشيات المليشيات الميلشيات اللواء الألوية الكتائب الكتيبة الفيلق الفرقة
المجلس الحكومة السلطات الجماعة الجماعات المجموعة المجموعات المسلحين المسلحون الإرهابيين
الإرهابيون المتطرفين الوحدات العناصر المقاتلين المقاتلون الطيران الطائرات المقاتلات القاعدة
الثوار الأكراد الكرد العشائر الجهاديين المجاهدين المنظمة الإدارة الشرطة الأمن المخابرات
"""
DIACRITICS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
QUOTES = re.compile("[\"'«»“”„‟‘’‚`‹›「」＂]")
# Folds the tool's ArabicText normalizer also applies: Persian/Urdu letters, more alef and
# yeh/heh forms, Arabic-Indic and Persian digits, zero-width and bidi controls.
EXTRA_FOLDS = {ord(k): v for k, v in {
    "\u0671": "ا", "\u0672": "ا", "\u0673": "ا", "\u06CC": "ي", "\u06D0": "ي", "\u06D2": "ي",
    "\u06C1": "ه", "\u06BE": "ه", "\u06D5": "ه", "\u06C0": "ه", "\u06A9": "ك", "\u06AA": "ك",
    "\u06AF": "ك", "\u067E": "ب", "\u0686": "ج", "\u0698": "ز", "\u06A4": "ف",
    "\u200B": "", "\u200C": "", "\u200D": "", "\u200E": "", "\u200F": "", "\uFEFF": "",
    "\u00AD": "", "\u061C": "",
}.items()}
EXTRA_FOLDS.update({0x0660 + i: str(i) for i in range(10)})
EXTRA_FOLDS.update({0x06F0 + i: str(i) for i in range(10)})
SPACES = re.compile(r"\s+")
ARABIC_LETTER = re.compile("[\u0600-\u06FF]")
ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
PLACE_ID_RE = re.compile(r"^(sy|iq)_[a-z0-9_]+$")


def normalize(text, strip_article=True):
    """Matching key: the ArabicText normalization plus stripping a leading ال from the first
    word (stricter than the loader, which keeps ال: what is distinct here is distinct there)."""
    s = unicodedata.normalize("NFC", text)
    s = DIACRITICS.sub("", s)
    s = (s.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").replace("ٱ", "ا")
          .replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي"))
    s = s.translate(EXTRA_FOLDS)
    s = QUOTES.sub("", s)
    s = re.sub(r"[-_]", " ", s)
    s = SPACES.sub(" ", s).strip()
    s = s.casefold()
    if strip_article and s.startswith("ال") and len(s.split(" ", 1)[0]) > 3:
        s = s[2:]
    return s


def loader_key(text):
    """The key as the tool's loader builds it (article kept): forms that differ only by a
    leading ال are distinct entries there, so listing both for one actor is useful."""
    return normalize(text, strip_article=False)


GENERIC_WORDS = {normalize(w) for w in GENERIC_RAW.split()}


class Report:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, msg):
        self.errors.append("%s: error: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings.append("%s: warning: %s" % (where, msg))


def read_tsv(path, header, rep):
    """Yield (lineno, fields) for data rows; checks header, field count, empty fields."""
    name = os.path.basename(path)
    if not os.path.exists(path):
        rep.error(name, "file missing")
        return []
    rows = []
    seen_header = False
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    if raw.startswith("\ufeff"):
        rep.error(name + ":1", "file starts with a byte-order mark")
        raw = raw[1:]
    for n, line in enumerate(raw.split("\n"), 1):
        if line.endswith("\r"):
            rep.error("%s:%d" % (name, n), "CRLF line ending")
            line = line[:-1]
        if line.startswith("#"):
            continue
        if line.strip() == "":
            if n != len(raw.split("\n")):  # the final newline gives one empty tail
                rep.warn("%s:%d" % (name, n), "empty line")
            continue
        fields = line.split("\t")
        if not seen_header:
            seen_header = True
            if fields != header:
                rep.error("%s:%d" % (name, n), "header is %r, expected %r" % (fields, header))
            continue
        where = "%s:%d" % (name, n)
        if len(fields) != len(header):
            rep.error(where, "%d fields, expected %d" % (len(fields), len(header)))
            continue
        bad = False
        for h, v in zip(header, fields):
            if v.strip() == "":
                rep.error(where, "empty field %s" % h)
                bad = True
            elif v != v.strip():
                rep.warn(where, "field %s has surrounding whitespace" % h)
        if bad:
            continue
        rows.append((where, [v.strip() for v in fields]))
    if not seen_header:
        rep.error(name, "no header line")
    return rows


def find_canonical(argv_path, ontology_dir):
    if argv_path:
        return argv_path
    repo = os.path.dirname(os.path.abspath(ontology_dir))
    for cand in (os.path.join(repo, "..", "shared", "ontology", "canonical-ids.tsv"),
                 os.path.join(repo, "shared", "ontology", "canonical-ids.tsv"),
                 "/work/shared/ontology/canonical-ids.tsv"):
        if os.path.exists(cand):
            return cand
    return None


def main(argv):
    args = [a for a in argv[1:]]
    quiet = "--quiet" in args
    if quiet:
        args.remove("--quiet")
    ontology_dir = os.path.dirname(os.path.abspath(__file__))
    if "--dir" in args:
        i = args.index("--dir")
        ontology_dir = args[i + 1]
        del args[i:i + 2]
    canonical_path = find_canonical(args[0] if args else None, ontology_dir)
    rep = Report()

    # ---- canonical ids
    canonical = {}
    if canonical_path and os.path.exists(canonical_path):
        with open(canonical_path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        head = lines[0].split("\t") if lines else []
        try:
            ci, ck = head.index("id"), head.index("kind")
        except ValueError:
            ci, ck = 0, 1
        for line in lines[1:]:
            if not line.strip() or line.startswith("#"):
                continue
            p = line.split("\t")
            canonical[p[ci]] = p[ck]
    else:
        rep.warn("canonical-ids.tsv", "not found (%s); canonical checks skipped" % canonical_path)

    # ---- actors
    actors = {}
    actor_rows = read_tsv(os.path.join(ontology_dir, "actors.tsv"),
                          ["id", "kind", "name_ar", "name_en"], rep)
    for where, (aid, kind, name_ar, name_en) in actor_rows:
        if not ID_RE.match(aid):
            rep.error(where, "id %r is not UPPER_SNAKE ASCII" % aid)
        if kind not in ACTOR_KINDS:
            rep.error(where, "unknown kind %r" % kind)
        if aid in actors:
            rep.error(where, "duplicate actor id %s (first at %s)" % (aid, actors[aid]["where"]))
            continue
        if not ARABIC_LETTER.search(name_ar):
            rep.error(where, "name_ar %r has no Arabic letters" % name_ar)
        if ARABIC_LETTER.search(name_en):
            rep.error(where, "name_en %r has Arabic letters" % name_en)
        if canonical and aid in canonical and canonical[aid] != kind:
            rep.error(where, "kind %s differs from canonical kind %s for %s" % (kind, canonical[aid], aid))
        actors[aid] = {"where": where, "kind": kind, "name_ar": name_ar, "name_en": name_en}
    for cid in canonical:
        if cid not in actors:
            rep.error("actors.tsv", "canonical id %s missing" % cid)
    extras = [a for a in actors if canonical and a not in canonical]
    if len(extras) > MAX_EXTRA_ACTORS:
        rep.error("actors.tsv", "%d extra (non-canonical) actors, at most %d allowed"
                  % (len(extras), MAX_EXTRA_ACTORS))
    for a in extras:
        if actors[a]["kind"] != "armed_group":
            rep.warn(actors[a]["where"], "extra actor %s has kind %s (expected armed_group)"
                     % (a, actors[a]["kind"]))

    # ---- aliases
    alias_rows = read_tsv(os.path.join(ontology_dir, "aliases.tsv"), ["id", "alias", "type"], rep)
    by_key = {}  # normalized -> (id, where, alias, type)
    per_id = defaultdict(list)
    type_counts = Counter()
    for where, (aid, alias, typ) in alias_rows:
        if aid not in actors:
            rep.error(where, "unknown actor id %s" % aid)
            continue
        if typ not in ALIAS_TYPES:
            rep.error(where, "unknown alias type %r" % typ)
        if QUOTES.search(alias) and (ARABIC_LETTER.search(alias) or re.search('["«»“”]', alias)):
            rep.warn(where, "alias %r contains quote marks (give it without them)" % alias)
        is_ar = bool(ARABIC_LETTER.search(alias))
        if typ == "english" and is_ar:
            rep.error(where, "english alias %r has Arabic letters" % alias)
        if typ != "english" and not is_ar:
            rep.error(where, "alias %r of type %s has no Arabic letters (use type english)" % (alias, typ))
        key = normalize(alias)
        if not key:
            rep.error(where, "alias normalizes to nothing")
            continue
        if key in GENERIC_WORDS:
            rep.error(where, "alias %r is a bare generic word" % alias)
        if key in by_key:
            oid, owhere, oalias, _ = by_key[key]
            if oid != aid:
                rep.error(where, "alias %r (%s) collides with %r of %s at %s"
                          % (alias, aid, oalias, oid, owhere))
            elif loader_key(alias) == loader_key(oalias):
                rep.warn(where, "alias %r duplicates %r of the same id at %s" % (alias, oalias, owhere))
            per_id[aid].append((alias, typ))
            type_counts[typ] += 1
            continue
        by_key[key] = (aid, where, alias, typ)
        per_id[aid].append((alias, typ))
        type_counts[typ] += 1
    for aid, info in actors.items():
        lst = per_id.get(aid, [])
        if len(lst) < MIN_ALIASES:
            rep.error(info["where"], "%s has %d aliases, at least %d required" % (aid, len(lst), MIN_ALIASES))
        if not any(t == "english" for _, t in lst):
            rep.error(info["where"], "%s has no english alias" % aid)
        if aid in MAJOR_ACTORS and len(lst) < MAJOR_MIN_ALIASES:
            rep.warn(info["where"], "major actor %s has only %d aliases" % (aid, len(lst)))
        keys = {normalize(a) for a, _ in lst}
        if normalize(info["name_ar"]) not in keys:
            rep.warn(info["where"], "name_ar %r of %s is not among its aliases" % (info["name_ar"], aid))

    # ---- places
    place_rows = read_tsv(os.path.join(ontology_dir, "places.tsv"),
                          ["id", "name_ar", "name_en", "type", "country", "parent", "variants"], rep)
    places = {}
    place_keys = {}  # normalized name -> (place id, where)
    place_types = Counter()
    for where, (pid, name_ar, name_en, typ, country, parent, variants) in place_rows:
        if not PLACE_ID_RE.match(pid):
            rep.error(where, "place id %r must match (sy|iq)_[a-z0-9_]+" % pid)
        if pid in places:
            rep.error(where, "duplicate place id %s (first at %s)" % (pid, places[pid]["where"]))
            continue
        if typ not in PLACE_TYPES:
            rep.error(where, "unknown place type %r" % typ)
        if country not in COUNTRIES:
            rep.error(where, "country %r is not SY or IQ" % country)
        elif not pid.startswith(COUNTRIES[country]):
            rep.error(where, "id %s does not carry the %s prefix of country %s"
                      % (pid, COUNTRIES[country], country))
        if not ARABIC_LETTER.search(name_ar):
            rep.error(where, "name_ar %r has no Arabic letters" % name_ar)
        names = [name_ar] + ([] if variants == "-" else variants.split("|"))
        for v in names:
            if v.strip() == "" or v != v.strip():
                rep.error(where, "empty or padded variant in %r" % variants)
        places[pid] = {"where": where, "type": typ, "country": country, "parent": parent,
                       "names": names}
        place_types[typ] += 1
        seen_here = set()
        seen_loader = set()
        for v in names:
            key = normalize(v)
            if key in seen_here:
                if loader_key(v) not in seen_loader:
                    seen_loader.add(loader_key(v))
                    continue
                rep.warn(where, "variant %r of %s differs from another of its names only by "
                         "normalization" % (v, pid))
                continue
            seen_here.add(key)
            seen_loader.add(loader_key(v))
            if key in place_keys and place_keys[key][0] != pid:
                opid, owhere = place_keys[key]
                rep.warn(where, "name %r of %s collides with place %s at %s" % (v, pid, opid, owhere))
                continue
            place_keys[key] = (pid, where)
            if key in GENERIC_WORDS:
                rep.error(where, "place name %r is a bare generic word" % v)
            if key in by_key:
                aid, awhere, alias, atyp = by_key[key]
                if atyp == "metonym":
                    pass  # capitals standing for governments: intended, decided by position
                else:
                    rep.error(where, "place name %r of %s equals alias %r of %s (%s)"
                              % (v, pid, alias, aid, awhere))
    for pid, p in places.items():
        parent = p["parent"]
        if parent == "-":
            if p["type"] not in SPANNING_TYPES:
                rep.warn(p["where"], "%s (%s) has no parent governorate" % (pid, p["type"]))
            continue
        if p["type"] == "governorate":
            rep.error(p["where"], "governorate %s must have parent -" % pid)
        if parent not in places:
            rep.error(p["where"], "parent %s of %s is not a place id" % (parent, pid))
        elif places[parent]["type"] != "governorate":
            rep.error(p["where"], "parent %s of %s is a %s, not a governorate"
                      % (parent, pid, places[parent]["type"]))
        elif places[parent]["country"] != p["country"]:
            rep.error(p["where"], "parent %s of %s is in another country" % (parent, pid))

    # ---- report
    out = []
    out.append("actors.tsv:  %d actors (%d canonical, %d extra)"
               % (len(actors), len([a for a in actors if a in canonical]), len(extras)))
    out.append("aliases.tsv: %d aliases (%s)"
               % (sum(type_counts.values()), ", ".join("%s %d" % kv for kv in sorted(type_counts.items()))))
    out.append("places.tsv:  %d places (%s)"
               % (len(places), ", ".join("%s %d" % kv for kv in sorted(place_types.items()))))
    by_country = Counter(p["country"] for p in places.values())
    out.append("             by country: %s" % ", ".join("%s %d" % kv for kv in sorted(by_country.items())))
    if not quiet:
        out.append("aliases per id:")
        for aid in actors:
            out.append("  %-28s %3d" % (aid, len(per_id.get(aid, []))))
    for w in rep.warnings:
        out.append(w)
    for e in rep.errors:
        out.append(e)
    out.append("%d error(s), %d warning(s)" % (len(rep.errors), len(rep.warnings)))
    print("\n".join(out))
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
