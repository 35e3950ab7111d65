// A browser trial of `wargame serve --web` (not run by CI): headless Chromium opens the page for
// browsers, types a wrong join code, then a seat's, and takes a screenshot at each step.
//
//   cd tests/browser && npm install            # playwright-core only: it uses the system's Chromium
//   apt-get install -y chromium                # Debian's /usr/bin/chromium (or set CHROMIUM=path)
//   node screenshot.mjs [OUT_DIR]              # default OUT_DIR: this folder
//
// It starts `python -m wargame serve tutorial --seat corvia=human --web` on free ports (PYTHON=path
// names the interpreter with wargame and textual-serve installed; default: ../../.venv/bin/python),
// reads the banner for the browser address and Corvia's code, and writes
//   web-code.png  the code screen as a browser tab first shows it,
//   web-refused.png  the same after a wrong code (the server's refusal, to try again),
//   web-join.png  Corvia's seat screen once the code is taken (the same screens as `wargame join`).
// Then it stops the server with Ctrl-C (SIGINT), as a facilitator does.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? here);
const python = process.env.PYTHON ?? join(here, "..", "..", ".venv", "bin", "python");
const work = mkdtempSync(join(tmpdir(), "wargame-web-"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = spawn(
  python,
  ["-m", "wargame", "serve", "tutorial", "--seat", "corvia=human", "--journal", join(work, "g.jsonl"),
   "--port", "0", "--web", "--web-port", "0"],
  { cwd: work, stdio: ["ignore", "pipe", "inherit"] },
);

async function banner() {
  const found = {};
  for await (const line of createInterface({ input: server.stdout })) {
    console.log(line);
    const seat = line.match(/seat Corvia:.*--code (\S+)/);
    if (seat) found.code = seat[1];
    const web = line.match(/in a browser.*\s(http:\S+)/);
    if (web) found.url = web[1];
    if (line.startsWith("Ctrl-C")) return found;
  }
  throw new Error("wargame serve stopped before its banner");
}

const { url, code } = await banner();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForSelector("body.-first-byte", { timeout: 30000 }); // the join process drew
  await sleep(2500);
  await page.screenshot({ path: join(out, "web-code.png") });
  await page.click("#terminal");
  await page.keyboard.type("WRNG-CODE", { delay: 40 }); // refused on the spot: try again
  await page.keyboard.press("Enter");
  await sleep(3000);
  await page.screenshot({ path: join(out, "web-refused.png") });
  await page.keyboard.type(code, { delay: 40 }); // the refused code is selected: typing replaces it
  await page.keyboard.press("Enter");
  await sleep(5000); // the code checked by the game server, the seat's screen drawn
  await page.screenshot({ path: join(out, "web-join.png") });
  console.log(`wrote web-code.png, web-refused.png and web-join.png in ${out}`);
} finally {
  await browser.close();
  server.kill("SIGINT");
}
