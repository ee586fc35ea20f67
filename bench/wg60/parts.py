import sys
def larger(all_, r):
    b=(all_+r-1)//r; first=min(all_, b//2*r); return max(first, all_-first)
def evened(all_, rows, slack):
    if all_<=rows or 200*larger(all_,rows)<=(100+slack)*all_: return rows
    best=rows
    for r in range(rows-1,(rows+1)//2-1,-1):
        if larger(all_,r)<larger(all_,best): best=r
    return best
for s in sys.argv[1:]:
    f=s.split(':'); n,c,h,co=int(f[1]),int(f[2]),int(f[3]),int(f[4])
    t=(h+1)//2; rows=max(1,128//t); all_=n*t
    out=[f[0], f'rows {rows} all {all_} part {larger(all_,rows)/all_:.3f}']
    for sl in (10,6,4,2):
        e=evened(all_,rows,sl); out.append(f's{sl}:{e}->{larger(all_,e)/all_:.3f}')
    print(' '.join(out))
