// A static file server on localhost for the demo page and the benchmark
// page; the root is the repository (cme-wasm/demo/, cme-wasm/pkg/,
// cme-wasm/node_modules/zod/, cme-core/data/).
//   node tests/browser/serve.mjs [port]   → serves until interrupted
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".wasm": "application/wasm", ".png": "image/png",
};

/** The policy the demo pages are served with. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export function serve(root = ROOT, port = 0) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      // The pages run under a strict Content-Security-Policy: scripts of
      // the site only, WebAssembly compiled, nothing inline.
      if (extname(file) === ".html") headers["content-security-policy"] = CSP;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address();
      resolve({ url: `http://127.0.0.1:${p}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await serve(ROOT, Number(process.argv[2] ?? 8080));
  console.log(`${s.url}/cme-wasm/demo/  (Ctrl-C to stop)`);
}
