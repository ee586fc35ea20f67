import sys
def even_split(strips,tasks,frm):
    if tasks==0: return [frm]
    per,extra=strips//tasks,strips%tasks
    return [frm+t*per+min(t,extra) for t in range(tasks+1)]
def claimed_end(costs,threads):
    free=[0.0]*threads; first=0; last=len(costs)-1
    while first<=last:
        nxt=0
        for k in range(1,threads):
            if free[k]<free[nxt]: nxt=k
        if nxt==0: free[0]+=costs[first]; first+=1
        else: free[nxt]+=costs[last]; last-=1
    return max(free)
def tiles(starts,strips,last,nr,threads,groups):
    c=[]
    for t in range(len(starts)-1):
        cost=(starts[t+1]-starts[t])*nr-(nr-last if starts[t+1]==strips else 0)
        c+= [cost]*groups
    return round(claimed_end(c,threads))
def in_order(starts,strips,last,nr,threads,groups):
    free=[0]*threads
    for g in range(groups):
        for t in range(len(starts)-1):
            cost=(starts[t+1]-starts[t])*nr-(nr-last if starts[t+1]==strips else 0)
            i=free.index(min(free)); free[i]+=cost
    return max(free)
def singles_after(before,singles,strips,group):
    after=strips-before-singles
    h=even_split(before,(before+group-1)//group,0)
    t=even_split(after,(after+group-1)//group,before+singles)
    return h+[before+i for i in range(1,singles+1)]+t[1:]
def old(strips,last,nr,group,threads,groups):
    et=min(strips,((strips+group-1)//group+threads-1)//threads*threads)
    even=even_split(strips,et,0); singles=min(strips,2*threads)
    if threads<=1 or singles==strips: return even
    head=strips-singles; tailed=singles_after(head,singles,strips,group)
    return tailed if in_order(tailed,strips,last,nr,threads,groups)+nr//2<=in_order(even,strips,last,nr,threads,groups) else even
def new(strips,last,nr,group,threads,groups):
    et=min(strips,((strips+group-1)//group+threads-1)//threads*threads)
    even=even_split(strips,et,0); singles=min(strips,2*threads)
    if threads<=1 or singles==strips: return even
    head=strips-singles; front=(head+threads-1)//threads
    best=even; be=tiles(even,strips,last,nr,threads,groups)-nr//2+1
    for b in (head,front):
        s=singles_after(b,singles,strips,group); e=tiles(s,strips,last,nr,threads,groups)
        if e<be: best=s; be=e
    return best
if __name__=='__main__':
    for args in [(11,4,32,2,2,1),(13,8,32,4,2,1),(5,16,32,2,2,1),(6,32,32,2,2,1),(7,24,32,2,2,1),(9,32,32,2,2,1),(14,32,32,2,2,1),(3,8,32,4,2,1),(7,8,32,4,2,1),(4,32,32,4,2,1)]:
        o=old(*args); n=new(*args); s,l,nr,g,t,gr=args
        tot=(s-1)*nr+l
        print(args,'old',o,tiles(o,s,l,nr,t,gr)/tot,'new',n,tiles(n,s,l,nr,t,gr)/tot)
