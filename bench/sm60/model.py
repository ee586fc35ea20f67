# sm60: which shapes take WinogradConv.sharedStripJobs (nr 32, mr 8, F(4x4) large-L2 group 2), and the model's ends
import math,sys
nr,mr,group,INPUT=32,8,2,36
def even(strips,tasks,frm=0):
    if tasks==0: return [frm]
    per,extra=strips//tasks,strips%tasks
    return [frm+t*per+min(t,extra) for t in range(tasks+1)]
def lastEnds(st,strips,last):
    free=[0,0]
    for t in range(len(st)-1):
        c=(st[t+1]-st[t])*nr-(nr-last if st[t+1]==strips else 0)
        k=0 if free[0]<=free[1] else 1
        free[k]+=c
    return max(free)
def split(strips,last):
    ev=even(strips,min(strips,((strips+group-1)//group+1)//2*2))
    singles=min(strips,4)
    if singles==strips: return ev
    head=strips-singles; hs=even(head,(head+group-1)//group)
    tailed=hs+[head+i for i in range(1,singles+1)]
    return tailed if lastEnds(tailed,strips,last)+nr//2<=lastEnds(ev,strips,last) else ev
def mult(s,strips,last): return 0.5 if s==strips-1 and last<=nr//2 else 1
def claimed(costs):
    free=[0.0,0.0]; f,l=0,len(costs)-1
    while f<=l:
        n=0 if free[0]<=free[1] else 1
        free[n]+=costs[f] if n==0 else costs[l]
        if n==0: f+=1
        else: l-=1
    return max(free)
for sh in sys.argv[1:]:
    id,N,cin,hw,cout=sh.split(':')[:5]; N,cin,hw,cout=map(int,(N,cin,hw,cout))
    tiles=N*((hw+3)//4)**2; strips=(tiles+nr-1)//nr; last=tiles-(strips-1)*nr; coutP=(cout+mr-1)//mr*mr
    st=split(strips,last)
    cur=claimed([coutP*((st[t+1]-st[t])-(0.5 if st[t+1]==strips and last<=16 else 0))+INPUT*(st[t+1]-st[t]) for t in range(len(st)-1)])
    tot=sum(coutP*mult(s,strips,last)+INPUT for s in range(strips))
    best=cur;bk=-1
    if 2<=strips<=16 and coutP>=16:
        pre=[0]
        for s in range(strips): pre.append(pre[-1]+coutP*mult(s,strips,last)+INPUT)
        for k in range(strips):
            w=max(pre[k],pre[strips]-pre[k])
            if k>0 and w<best: best,bk,br=w,k,0
            f=mult(k,strips,last); a=pre[k]+INPUT; b=pre[strips]-pre[k+1]+INPUT+coutP*f
            e=math.floor((b-a)/(2*f)/mr)*mr
            for r in (e,e+mr):
                end=max(a+r*f,b-r*f)
                if mr<=r<=coutP-mr and end<best: best,bk,br=end,k,r
    take=bk>=0 and best+coutP/10<=cur
    print(f"{id:16s} tiles {tiles:4d} strips {strips:2d} last {last:2d} coutP {coutP:3d} split {st} busiest {cur/tot:.3f} -> {(best/tot if take else cur/tot):.3f} {'SHARED k=%d r=%d'%(bk,br) if take else ''}")
