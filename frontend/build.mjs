// Compiles frontend/app.scss with the sass CLI and copies the JavaScript and assets into
// build/static, which Django's staticfiles serves. Run by `make assets`.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const moj = join(root, "node_modules", "@ministryofjustice", "frontend", "moj");

mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });
execFileSync(
  join(root, "node_modules", ".bin", "sass"),
  [
    "--pkg-importer=node",
    "--style=compressed",
    "--quiet-deps",
    `--load-path=${root}`,
    "--no-source-map",
    join(root, "frontend", "app.scss"),
    join(out, "css", "app.css"),
  ],
  { stdio: "inherit" },
);
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
cpSync(join(moj, "moj-frontend.min.js"), join(out, "js", "moj-frontend.min.js"));
cpSync(join(root, "frontend", "app.mjs"), join(out, "js", "app.js"));
cpSync(join(govuk, "assets", "images"), join(out, "assets", "images"), { recursive: true });
// MOJ Frontend's icons (its crown logotype is left out: this is not a GOV.UK service).
cpSync(join(moj, "assets", "images"), join(out, "assets", "images"), {
  recursive: true,
  filter: (source) => !source.includes("crown"),
});
cpSync(join(root, "frontend", "images"), join(out, "images"), { recursive: true });
cpSync(join(root, "node_modules", "axe-core", "axe.min.js"), join(root, "build", "axe.min.js"));
console.log(`Built assets into ${out}`);
