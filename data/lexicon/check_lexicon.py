#!/usr/bin/env python3
"""Validate the geocrawl lexicon TSV files (drugs.tsv, phrases.tsv, sources.tsv).

Usage: python3 check_lexicon.py [--dir DIR] [--stats]

Exit status: 0 when every rule holds (warnings allowed), 1 when any rule is broken,
2 on usage errors.  Standard library only.
"""
import argparse
import collections
import os
import re
import sys
import unicodedata

DRUG_HEADER = ["term", "drug", "category", "script", "source", "notes"]
PHRASE_HEADER = ["phrase", "kind", "strength", "lang", "source", "notes"]
SOURCE_HEADER = ["key", "citation", "url_or_doi", "notes"]

CATEGORIES = {
    "erectile_dysfunction", "premature_ejaculation", "hair_loss", "weight_loss", "diabetes",
    "opioid", "benzodiazepine", "z_drug", "stimulant", "antidepressant", "antipsychotic",
    "anxiolytic_other", "muscle_relaxant", "antibiotic", "antiviral", "antiparasitic",
    "contraceptive", "fertility", "hormone", "steroid", "skin_acne", "eye_lash",
    "cardiovascular", "cholesterol", "pain_nsaid", "gabapentinoid", "smoking_cessation",
    "antihistamine", "other",
}
SCRIPTS = {"latin", "katakana", "hiragana", "han", "hangul", "cyrillic", "thai", "arabic",
           "greek", "devanagari", "hebrew"}
KINDS = {"no_rx", "page_state_construction", "page_state_parked", "page_state_suspended",
         "page_state_default", "commerce_cart", "commerce_crypto", "commerce_shipping",
         "commerce_import"}
STRENGTHS = {"strong", "weak"}
# ISO 639-1 codes (complete list of two-letter codes)
ISO639_1 = set("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())
AMBIGUOUS = "ambiguous"
INN_PART = re.compile(r"^[a-z][a-z0-9 \-]*[a-z0-9]$")
SOURCE_KEY = re.compile(r"^[A-Za-z0-9_]+$")


def norm(s):
    """The matcher's normalisation: NFKC then case folding (NFKC again for stability)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", s).casefold())


def detect_script(text):
    found = set()
    for ch in text:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            found.add("hangul")
        elif 0x0E00 <= o <= 0x0E7F:
            found.add("thai")
        elif 0x0400 <= o <= 0x04FF:
            found.add("cyrillic")
        elif 0x30A0 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
            found.add("katakana")
        elif 0x3040 <= o <= 0x309F:
            found.add("hiragana")
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            found.add("han")
        elif 0x0600 <= o <= 0x06FF:
            found.add("arabic")
        elif 0x0370 <= o <= 0x03FF:
            found.add("greek")
        elif 0x0900 <= o <= 0x097F:
            found.add("devanagari")
        elif 0x0590 <= o <= 0x05FF:
            found.add("hebrew")
    order = ["hangul", "thai", "cyrillic", "katakana", "hiragana", "han", "arabic", "greek",
             "devanagari", "hebrew"]
    for s in order:
        if s in found:
            return s
    return "latin"


class Report:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings.append("%s: %s" % (where, msg))


def read_tsv(path, header, rep):
    """Return list of (line_no, cells) after byte-level and column checks."""
    name = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        rep.error(name, "cannot read: %s" % e)
        return []
    if raw.startswith(b"\xef\xbb\xbf"):
        rep.error(name, "starts with a UTF-8 BOM")
        raw = raw[3:]
    if b"\r" in raw:
        rep.error(name, "contains CR characters (LF line endings required)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.error(name, "not valid UTF-8: %s" % e)
        return []
    if not text.endswith("\n"):
        rep.error(name, "last line does not end with LF")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        rep.error(name, "empty file")
        return []
    if lines[0].split("\t") != header:
        rep.error(name + ":1", "header must be %r, got %r" % ("\t".join(header), lines[0]))
    rows = []
    ncol = len(header)
    for i, line in enumerate(lines[1:], start=2):
        where = "%s:%d" % (name, i)
        if line == "":
            rep.error(where, "empty line")
            continue
        cells = line.split("\t")
        if len(cells) != ncol:
            rep.error(where, "expected %d tab-separated columns, got %d" % (ncol, len(cells)))
            continue
        bad = False
        for j, c in enumerate(cells):
            if c != c.strip():
                rep.error(where, "column %r has leading/trailing whitespace" % header[j])
                bad = True
            if c == "" and j != ncol - 1:
                rep.error(where, "column %r is empty (only notes may be empty)" % header[j])
                bad = True
            if any(unicodedata.category(ch) == "Cc" for ch in c):
                rep.error(where, "column %r contains a control character" % header[j])
                bad = True
            if "  " in c:
                rep.warn(where, "column %r contains a double space" % header[j])
        if not bad:
            rows.append((i, cells))
    return rows


def check_notes(where, notes, rep):
    if AMBIGUOUS in notes.lower() and notes != AMBIGUOUS:
        rep.error(where, "notes mention 'ambiguous' but are not exactly 'ambiguous' (the flag must stand alone)")


def check_sources(path, rep):
    keys = {}
    for ln, (key, citation, url, notes) in read_tsv(path, SOURCE_HEADER, rep):
        where = "sources.tsv:%d" % ln
        if not SOURCE_KEY.match(key):
            rep.error(where, "source key %r must match [A-Za-z0-9_]+" % key)
        if key in keys:
            rep.error(where, "duplicate source key %r (first on line %d)" % (key, keys[key]))
        keys.setdefault(key, ln)
    return keys


def check_term(where, term, rep):
    if unicodedata.normalize("NFKC", term) != term:
        rep.error(where, "term %r is not in NFKC form (write %r)" % (term, unicodedata.normalize("NFKC", term)))


def check_drugs(path, source_keys, rep, stats):
    rows = read_tsv(path, DRUG_HEADER, rep)
    seen_pair = {}
    seen_norm = {}
    drug_cat = {}
    used = set()
    for ln, (term, drug, cat, script, source, notes) in rows:
        where = "drugs.tsv:%d" % ln
        check_term(where, term, rep)
        if cat not in CATEGORIES:
            rep.error(where, "unknown category %r" % cat)
        if script not in SCRIPTS:
            rep.error(where, "unknown script %r" % script)
        elif detect_script(term) != script:
            rep.error(where, "script is %r but the term looks %r" % (script, detect_script(term)))
        if source not in source_keys:
            rep.error(where, "source key %r not in sources.tsv" % source)
        used.add(source)
        parts = drug.split("+")
        if drug != drug.lower():
            rep.error(where, "drug %r must be lowercase" % drug)
        for p in parts:
            if not INN_PART.match(p):
                rep.error(where, "drug component %r is not a lowercase name" % p)
        if parts != sorted(parts):
            rep.error(where, "combination %r must list INNs in alphabetical order (%s)" % (drug, "+".join(sorted(parts))))
        if len(set(parts)) != len(parts):
            rep.error(where, "combination %r repeats a component" % drug)
        if drug in drug_cat and drug_cat[drug][0] != cat:
            rep.error(where, "drug %r has category %r here but %r on line %d" % (drug, cat, drug_cat[drug][0], drug_cat[drug][1]))
        drug_cat.setdefault(drug, (cat, ln))
        check_notes(where, notes, rep)
        if (term, drug) in seen_pair:
            rep.error(where, "duplicate (term, drug) %r/%r (first on line %d)" % (term, drug, seen_pair[(term, drug)]))
        seen_pair.setdefault((term, drug), ln)
        n = norm(term)
        if n in seen_norm:
            pdrug, pln, pterm = seen_norm[n]
            if pdrug != drug:
                rep.error(where, "term %r normalises like %r (line %d) but maps to %r, not %r" % (term, pterm, pln, drug, pdrug))
            elif pterm != term:
                rep.error(where, "term %r is a case/width variant of %r (line %d); the matcher normalises, keep one" % (term, pterm, pln))
        else:
            seen_norm[n] = (drug, ln, term)
        stats["drugs.rows"] += 1
        stats["drugs.category." + cat] += 1
        stats["drugs.script." + script] += 1
        stats["drugs.source." + source] += 1
        if notes == AMBIGUOUS:
            stats["drugs.ambiguous"] += 1
    stats["drugs.distinct_drugs"] = len(drug_cat)
    stats["drugs.distinct_single_inn"] = len({d for d in drug_cat if "+" not in d})
    return used


def check_phrases(path, source_keys, rep, stats):
    rows = read_tsv(path, PHRASE_HEADER, rep)
    seen = {}
    used = set()
    for ln, (phrase, kind, strength, lang, source, notes) in rows:
        where = "phrases.tsv:%d" % ln
        check_term(where, phrase, rep)
        if kind not in KINDS:
            rep.error(where, "unknown kind %r" % kind)
        if strength not in STRENGTHS:
            rep.error(where, "strength must be strong or weak, got %r" % strength)
        if lang not in ISO639_1:
            rep.error(where, "lang %r is not an ISO 639-1 code" % lang)
        if source not in source_keys:
            rep.error(where, "source key %r not in sources.tsv" % source)
        used.add(source)
        check_notes(where, notes, rep)
        n = norm(phrase)
        if n in seen:
            pln, pkind = seen[n]
            if pkind == kind:
                rep.error(where, "duplicate phrase %r for kind %s (line %d)" % (phrase, kind, pln))
            else:
                rep.error(where, "phrase %r is listed as %s here and as %s on line %d" % (phrase, kind, pkind, pln))
        else:
            seen[n] = (ln, kind)
        stats["phrases.rows"] += 1
        stats["phrases.kind." + kind] += 1
        stats["phrases.lang." + lang] += 1
        stats["phrases.strength." + strength] += 1
        stats["phrases.kind_strength.%s.%s" % (kind, strength)] += 1
        stats["phrases.source." + source] += 1
        if kind == "no_rx":
            stats["phrases.no_rx_lang." + lang] += 1
    return used


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=os.path.dirname(os.path.abspath(__file__)),
                    help="directory holding the TSV files (default: this script's directory)")
    ap.add_argument("--stats", action="store_true", help="print row counts per file/category/kind/language")
    args = ap.parse_args(argv)
    rep = Report()
    stats = collections.Counter()
    source_keys = check_sources(os.path.join(args.dir, "sources.tsv"), rep)
    stats["sources.rows"] = len(source_keys)
    used = check_drugs(os.path.join(args.dir, "drugs.tsv"), source_keys, rep, stats)
    used |= check_phrases(os.path.join(args.dir, "phrases.tsv"), source_keys, rep, stats)
    for key, ln in sorted(source_keys.items(), key=lambda kv: kv[1]):
        if key not in used:
            rep.warn("sources.tsv:%d" % ln, "source key %r is not used by any row" % key)
    nrx_langs = [k for k in stats if k.startswith("phrases.no_rx_lang.")]
    if len(nrx_langs) < 10:
        rep.error("phrases.tsv", "no_rx phrases cover only %d languages (need >= 10)" % len(nrx_langs))
    if args.stats:
        for k in sorted(stats):
            print("%s\t%d" % (k, stats[k]))
    for w in rep.warnings:
        print("warning: " + w, file=sys.stderr)
    for e in rep.errors:
        print("error: " + e, file=sys.stderr)
    print("lexicon check: %d drug rows, %d phrase rows, %d sources; %d errors, %d warnings"
          % (stats["drugs.rows"], stats["phrases.rows"], stats["sources.rows"], len(rep.errors), len(rep.warnings)),
          file=sys.stderr)
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
