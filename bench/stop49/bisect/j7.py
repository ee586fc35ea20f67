import json,sys,glob
for f in sorted(sys.argv[1:]):
    d=json.load(open(f))
    print(f.split('/')[-1], ' '.join('%s %.2f/%.2f(%.1fMB)'%(r['id'],r['fwd_ms'],r['bwd_ms'],r['fwd_alloc_mb']) for r in d['results'] if r['id']!='seed'))
