"""tiers.py COMPLOG: convkit methods whose first tier-4 (non-OSR) compile came with no tier-3 compile before it
(from tier 2's thin profile, or the interpreter's), with the times of each step (-XX:+PrintCompilation log, or its .gz)."""
import gzip, re, sys
hist = {}
for line in (gzip.open if sys.argv[1].endswith('.gz') else open)(sys.argv[1], 'rt', errors='replace'):
    m = re.match(r'\s*(\d+)\s+(\d+)\s+([%sbn! ]*)\s*(\d)\s+(\S+::\S+)\s+\((\d+) bytes\)(.*)', line)
    if not m or 'convkit' not in m.group(5):
        continue
    t, flags, tier, name, rest = int(m.group(1)), m.group(3), int(m.group(4)), m.group(5), m.group(7)
    hist.setdefault(name, []).append((t, tier, '%' in flags, rest.strip()))
for name, ev in hist.items():
    seen3 = False
    for t, tier, osr, rest in ev:
        if rest:
            continue
        if tier == 3 and not osr:
            seen3 = True
        if tier == 4 and not osr:
            if not seen3:
                print(f"{name}: tier 4 at {t} ms without a tier-3 compile before: " +
                      ", ".join(f"{tt}:{'%' if o else ''}{ti}{' ' + r if r else ''}" for tt, ti, o, r in ev))
            break
