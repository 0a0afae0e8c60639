// web/openapi.json: a valid OpenAPI 3.1 document that documents exactly the routes of the route
// table (src/app/routes.cpp and any other src/app/*routes.cpp), so a route added without its
// documentation fails here. Run with `node --test tests/web/openapi.test.mjs` (scripts/test-web.sh).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { Validator } = await import(
  new URL("web/node_modules/@seriousme/openapi-schema-validator/index.js", `file://${root}/`).href
);

const documentText = readFileSync(path.join(root, "web/openapi.json"), "utf8");
const doc = JSON.parse(documentText);
const kMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// The route table rows: the public table's lines like  {"GET",  "/api/v1/stations/{code}", …}
// in src/app/routes.cpp, and each console area's  routes.Add("GET", "/api/v1/admin/…", …)  and
// routes.AddPage("/admin/…", …)  (a GET) in src/api/<area>/*routes.cpp.
function routeTable() {
  const appDir = path.join(root, "src/app");
  assert.ok(readdirSync(appDir).includes("routes.cpp"), "src/app/routes.cpp exists");
  const files = [path.join(appDir, "routes.cpp")];
  const apiDir = path.join(root, "src/api");
  for (const area of readdirSync(apiDir, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const f of readdirSync(path.join(apiDir, area.name))) {
      if (f.endsWith("routes.cpp")) files.push(path.join(apiDir, area.name, f));
    }
  }
  const routes = [];
  const row = /\{\s*"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)"\s*,\s*"(\/[^"]*)"/g;
  const add = /\.Add\(\s*"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)"\s*,\s*"(\/[^"]*)"/g;
  const page = /\.AddPage\(\s*"(\/[^"]*)"/g;
  for (const full of files) {
    const file = path.basename(full);
    const text = readFileSync(full, "utf8");
    for (const m of text.matchAll(row)) routes.push({ method: m[1].toLowerCase(), path: m[2], file });
    for (const m of text.matchAll(add)) routes.push({ method: m[1].toLowerCase(), path: m[2], file });
    for (const m of text.matchAll(page)) routes.push({ method: "get", path: m[1], file });
  }
  return routes;
}

// The document's operations, as "get /path".
function documentedOperations() {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const method of kMethods) if (item[method]) ops.push(`${method} ${p}`);
  }
  return ops;
}

// Follows a local "$ref" ("#/components/…") to its target.
function resolve(node) {
  while (node && typeof node.$ref === "string") {
    assert.ok(node.$ref.startsWith("#/"), `only local references: ${node.$ref}`);
    node = node.$ref
      .slice(2)
      .split("/")
      .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((o, key) => o?.[key], doc);
    assert.ok(node !== undefined, "a $ref points nowhere");
  }
  return node;
}

test("the document is valid OpenAPI 3.1", async () => {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(doc));
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.match(validator.version, /^3\.1/);
  assert.match(doc.openapi, /^3\.1\.\d+$/);
});

test("every $ref of the document resolves", () => {
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node && typeof node === "object") {
      if (typeof node.$ref === "string") resolve(node);
      Object.values(node).forEach(visit);
    }
  };
  visit(doc);
});

function undocumentedRoutes(inFile) {
  const documented = new Set(documentedOperations());
  return routeTable()
    .filter((r) => inFile(r.file) && !documented.has(`${r.method} ${r.path}`))
    .map((r) => `${r.method.toUpperCase()} ${r.path} (${r.file})`);
}

test("every route of the route table is documented", () => {
  const routes = routeTable().filter((r) => r.file === "routes.cpp");
  assert.ok(routes.length >= 10, `the route table parses (${routes.length} routes found)`);
  assert.deepEqual(
    undocumentedRoutes((file) => file === "routes.cpp"),
    [],
    "routes without documentation in web/openapi.json",
  );
});

test(
  "every route of the other route tables (the console's) is documented",
  () => {
    assert.deepEqual(
      undocumentedRoutes((file) => file !== "routes.cpp"),
      [],
      "routes without documentation in web/openapi.json",
    );
  },
);

test("every documented operation is a route of the route table", () => {
  const routes = new Set(routeTable().map((r) => `${r.method} ${r.path}`));
  const extra = documentedOperations().filter((op) => !routes.has(op));
  assert.deepEqual(extra, [], "documented operations that the server does not route");
});

test("every path parameter is declared, required and in the path", () => {
  for (const [p, item] of Object.entries(doc.paths)) {
    const inPath = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const method of kMethods) {
      if (!item[method]) continue;
      const params = [...(item.parameters ?? []), ...(item[method].parameters ?? [])].map(resolve);
      const declared = params.filter((q) => q.in === "path");
      assert.deepEqual(declared.map((q) => q.name).sort(), inPath, `${method} ${p}`);
      for (const q of declared) assert.equal(q.required, true, `${method} ${p}: ${q.name} is required`);
    }
  }
});

test("every JSON error response uses the one Error schema", () => {
  const errorSchema = doc.components?.schemas?.Error;
  assert.ok(errorSchema, "components.schemas.Error exists");
  assert.deepEqual(errorSchema.required, ["error"]);
  assert.deepEqual(errorSchema.properties.error.required, ["code", "message"]);
  assert.deepEqual(
    [...errorSchema.properties.error.properties.code.enum].sort(),
    [
      "conflict", "forbidden", "internal", "invalid_argument", "not_found", "payload_too_large",
      "rate_limited", "unauthenticated", "unavailable",
    ],
    "the stable codes of the contract",
  );
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const method of kMethods) {
      if (!item[method]) continue;
      const responses = item[method].responses ?? {};
      assert.ok(Object.keys(responses).some((s) => /^[23]\d\d$/.test(s)), `${method} ${p} has a success (or redirect) response`);
      for (const [status, r] of Object.entries(responses)) {
        if (!/^[45]\d\d$/.test(status)) continue;
        const response = resolve(r);
        const jsonContent = response.content?.["application/json"];
        if (!jsonContent) {
          assert.ok(response.content?.["text/html"], `${method} ${p} ${status}: JSON or an HTML page`);
          continue;
        }
        // Open311 answers errors in GeoReport v2's own shape (contract section 9).
        const expected = p.startsWith("/open311/") ? "#/components/schemas/Open311Errors" : "#/components/schemas/Error";
        assert.equal(jsonContent.schema?.$ref, expected, `${method} ${p} ${status}`);
      }
    }
  }
});

test("write endpoints document 413 and 429, reads that take a code document 404", () => {
  for (const [p, item] of Object.entries(doc.paths)) {
    if (item.post) {
      for (const status of ["400", "413", "429"]) assert.ok(item.post.responses[status], `POST ${p} ${status}`);
    }
    if (p.includes("{code}") && item.get) assert.ok(item.get.responses["404"], `GET ${p} 404`);
  }
});
