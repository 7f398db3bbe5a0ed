import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { serializeSvg } from "./serialize";

const win = new Window();

/** The root <svg> of some markup, parsed by happy-dom as a page would parse it. */
function svgOf(markup: string): Element {
  const div = win.document.createElement("div");
  div.innerHTML = markup;
  return div.firstElementChild as unknown as Element;
}

const draw = (
  inner: string,
  root = `<svg class="recharts-surface" width="640" height="240" viewBox="0 0 640 240" style="width: 100%">`,
) => serializeSvg(svgOf(`${root}${inner}</svg>`), "p1-");

/** What a snapshot's markup is, without its root. */
const inner = (markup: string) => markup.replace(/^<svg[^>]*>/, "").replace(/<\/svg>$/, "");

describe("serializeSvg", () => {
  it.each([
    ["text is escaped", `<text>a &lt;b&gt; &amp; "c"</text>`, `<text>a &lt;b&gt; &amp; "c"</text>`],
    [
      "a label that looks like markup stays text",
      `<text><tspan>&lt;img src=x onerror=alert(1)&gt;</tspan></text>`,
      `<text><tspan>&lt;img src=x onerror=alert(1)&gt;</tspan></text>`,
    ],
    [
      "attribute values are escaped",
      `<text font-family='"A" &lt;b&gt; &amp; c'>x</text>`,
      `<text font-family="&quot;A&quot; &lt;b&gt; &amp; c">x</text>`,
    ],
    ["a <script> goes with its content", `<rect x="1"></rect><script>alert(1)</script>`, `<rect x="1"></rect>`],
    [
      "a <foreignObject> goes with its content",
      `<foreignObject><div>hi<svg><rect></rect></svg></div></foreignObject>`,
      ``,
    ],
    ["an <a> goes with its content", `<a href="https://x"><text>t</text></a>`, ``],
    ["<image>, <use> and <style> go", `<image href="x.png"></image><use href="#a"></use><style>*{}</style>`, ``],
    ["comments go", `<!-- a --><g fill="red"><!-- b --></g>`, `<g fill="red"></g>`],
    ["event handlers go", `<rect onload="alert(1)" onclick="x()" x="1"></rect>`, `<rect x="1"></rect>`],
    ["links go", `<rect href="#a" xlink:href="#b" x="1"></rect>`, `<rect x="1"></rect>`],
    [
      "focus and classes go",
      `<path tabindex="0" class="recharts-line-curve" d="M 0,0"></path>`,
      `<path d="M 0,0"></path>`,
    ],
    [
      "attributes SVG ignores go",
      `<path name="Planning" radius="0" x="1" width="4" d="M 0,0"></path>`,
      `<path d="M 0,0"></path>`,
    ],
    [
      "geometry of another element goes",
      `<line x="5" width="3" x1="0" y1="1" x2="2" y2="3"></line>`,
      `<line x1="0" y1="1" x2="2" y2="3"></line>`,
    ],
    [
      "ids get the prefix",
      `<clipPath id="recharts21-clip"><rect></rect></clipPath>`,
      `<clipPath id="p1-recharts21-clip"><rect></rect></clipPath>`,
    ],
    [
      "url(#id) follows the prefix",
      `<g clip-path="url(#recharts21-clip)"><rect></rect></g>`,
      `<g clip-path="url(#p1-recharts21-clip)"><rect></rect></g>`,
    ],
    [
      "an id of React's older form keeps its reference",
      `<g clip-path="url(#«r5»-clip)"></g>`,
      `<g clip-path="url(#p1-«r5»-clip)"></g>`,
    ],
    ["quoted url('#id') follows the prefix", `<rect fill="url('#grad')"></rect>`, `<rect fill="url(#p1-grad)"></rect>`],
    [
      "a url() elsewhere drops the attribute",
      `<rect fill="url(https://x.test/a.svg#g)" stroke="red"></rect>`,
      `<rect stroke="red"></rect>`,
    ],
    ["a CSS escape drops the style", `<text style="fill: \\75 rl(x)">t</text>`, `<text>t</text>`],
    ["a plain style stays", `<text style="fill: currentColor;">t</text>`, `<text style="fill: currentColor;">t</text>`],
    [
      "a group that sets nothing is left out",
      `<g class="recharts-layer"><g><rect x="1"></rect></g></g>`,
      `<rect x="1"></rect>`,
    ],
    [
      "coordinates keep two decimals",
      `<path d="M 74.92307692307692,8 L 1.006,2.5" fill-opacity="0.125"></path>`,
      `<path d="M 74.92,8 L 1.01,2.5" fill-opacity="0.125"></path>`,
    ],
  ])("%s", (_, given, expected) => {
    expect(inner(draw(given))).toBe(expected);
  });

  it("an element in the HTML namespace goes, whatever its name", () => {
    const svg = svgOf(`<svg viewBox="0 0 1 1"><rect x="1"></rect></svg>`);
    svg.appendChild(win.document.createElement("rect") as unknown as Node);
    expect(inner(serializeSvg(svg, "p-"))).toBe(`<rect x="1"></rect>`);
  });

  it("the root keeps its viewBox, loses its size, class and style, and is hidden from assistive technology", () => {
    expect(draw("")).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 240" class="ff-snapshot" aria-hidden="true" focusable="false"></svg>`,
    );
  });

  it.each([
    ["no viewBox: from width and height", `<svg width="320" height="240">`, ` viewBox="0 0 320 240"`],
    [
      "a viewBox that is not four numbers: from width and height",
      `<svg viewBox="0 0 1 url(x)" width="320" height="240">`,
      ` viewBox="0 0 320 240"`,
    ],
    ["neither: none", `<svg>`, ``],
  ])("root viewBox, %s", (_, root, expected) => {
    expect(draw("", root)).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg"${expected} class="ff-snapshot" aria-hidden="true" focusable="false"></svg>`,
    );
  });

  it.each([["1x"], ["a b"], ['a"'], [""]])("refuses the id prefix %j", (prefix) => {
    expect(() => serializeSvg(svgOf("<svg></svg>"), prefix)).toThrow(RangeError);
  });

  it("refuses a root that is not an <svg>", () => {
    expect(() => serializeSvg(svgOf("<div></div>"), "p-")).toThrow(TypeError);
  });
});
