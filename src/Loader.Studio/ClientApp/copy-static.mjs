// Copies the page's static files next to the bundle; esbuild builds only the script.
import { copyFileSync, mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
for (const file of ["index.html", "studio.css", "favicon.svg"]) {
  copyFileSync(`src/${file}`, `dist/${file}`);
}
