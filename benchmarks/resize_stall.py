import asyncio, hashlib, json, sys, time, tempfile, pathlib, copy
from smareader.app import make_app
from smareader.model.bundled import bundled_story_path
from smareader.widgets import article
from smareader.widgets.article import ArticleView
import smareader.session as sm
sm.state_dir = lambda: pathlib.Path(tempfile.mkdtemp())
P = bundled_story_path(); raw = json.loads(P.read_text())
src = (P.parent/raw["source"]["path"]).read_text()
PARA = "Negotiators met again in Seoul on Tuesday and left after an hour. " * 12
def story(n):
    d = copy.deepcopy(raw); t = src + ("\n"+PARA)*n
    d["source"] = {**d["source"], "text": t, "sha256": hashlib.sha256(t.encode()).hexdigest()}; del d["source"]["path"]
    p = pathlib.Path(tempfile.mkdtemp())/"s.json"; p.write_text(json.dumps(d, ensure_ascii=False)); return p
async def run(path, sync):
    article.SYNC_LAYOUT = 10**12 if sync else 1_000_000
    app = make_app(path)
    async with app.run_test(size=(120,30)) as pilot:
        await pilot.press("4"); await pilot.pause(); await app.workers.wait_for_complete(); await pilot.pause()
        view = app.screen.query_one(ArticleView)
        ticks=[]
        timer = app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
        await pilot.pause(0.1)
        t0=time.perf_counter()
        await pilot.resize_terminal(80,24)
        while view.wrapping or time.perf_counter()-t0 < 0.3:
            await asyncio.sleep(0.005)
        t1=time.perf_counter()
        timer.stop()
        gaps=[b-a for a,b in zip(ticks,ticks[1:]) if a>=t0-0.01]
        print(f"{len(view.story.text)/1e6:.1f} M chars, {'sync' if sync else 'thread'}: wrap done after {(t1-t0)*1000:.0f} ms, longest UI stall {max(gaps)*1000:.0f} ms")
p = story(int(sys.argv[1]))
asyncio.run(run(p, True)); asyncio.run(run(p, False))
