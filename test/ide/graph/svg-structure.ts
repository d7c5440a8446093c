/**
 * A small, strict XML reader for the diagram's SVG, for tests: it fails on anything that is not
 * well-formed (unbalanced tags, unquoted or repeated attributes, a raw `<` or a bad entity in text),
 * and turns the SVG into a structural summary, one line per element that means something (a VPC, a
 * zone, a subnet, a workload, an interface, a private-DNS band, an edge with its state, a label),
 * with its classes, logical id and texts. Goldens of the summary survive layout tweaks and still
 * fail when an element, a label or an edge state changes.
 */
import { strict as assert } from 'node:assert';

export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly (XmlElement | string)[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references; throws on anything else. */
export function decodeEntities(text: string): string {
  return text.replace(/&([^;\s]*);?/g, (whole, name: string) => {
    assert.ok(whole.endsWith(';'), `an unterminated entity in ${JSON.stringify(text.slice(0, 80))}`);
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    const decoded = ENTITIES[name];
    assert.ok(decoded !== undefined, `unknown entity &${name};`);
    return decoded;
  });
}

/** Parses the SVG document; throws with a reason when it is not well-formed. */
export function parseXml(text: string): XmlElement {
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>/y;
  const stack: { name: string; attributes: Map<string, string>; children: (XmlElement | string)[] }[] = [{ name: '#document', attributes: new Map(), children: [] }];
  let index = 0;
  while (index < text.length) {
    const next = text.indexOf('<', index);
    const chunk = text.slice(index, next === -1 ? text.length : next);
    if (chunk.length > 0) {
      assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(chunk), 'a character XML forbids in text');
      stack[stack.length - 1]?.children.push(decodeEntities(chunk));
    }
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(text);
    assert.ok(match, `not a well-formed tag at offset ${next}: ${JSON.stringify(text.slice(next, next + 80))}`);
    const [, closing, name = '', rawAttributes = '', selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      assert.equal(open?.name, name, `</${name}> closes <${open?.name}>`);
      stack[stack.length - 1]?.children.push({ name: open.name, attributes: open.attributes, children: open.children });
    } else {
      const attributes = new Map<string, string>();
      for (const attribute of rawAttributes.matchAll(/([A-Za-z_:][\w:.-]*)="([^"]*)"/g)) {
        const key = attribute[1] ?? '';
        assert.ok(!attributes.has(key), `attribute ${key} repeated on <${name}>`);
        attributes.set(key, decodeEntities(attribute[2] ?? ''));
      }
      if (selfClosing) stack[stack.length - 1]?.children.push({ name, attributes, children: [] });
      else stack.push({ name, attributes, children: [] });
    }
    index = tag.lastIndex;
  }
  assert.equal(stack.length, 1, `unclosed <${stack[stack.length - 1]?.name}>`);
  const roots = (stack[0]?.children ?? []).filter((child): child is XmlElement => typeof child !== 'string');
  assert.equal(roots.length, 1, 'one root element');
  const root = roots[0] as XmlElement;
  assert.equal(root.name, 'svg');
  return root;
}

/** Every element of the tree, depth first. */
export function allElements(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap((child) => (typeof child === 'string' ? [] : allElements(child)))];
}

/** The text of an element without its `<title>`. */
export function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : child.name === 'title' ? '' : textOf(child))).join('');
}

/**
 * What the SVG must never contain, whatever the template says: scripts, event handlers, style
 * attributes (refused by the webview's policy), foreign objects, links outside the document.
 */
export function unsafeParts(root: XmlElement): string[] {
  const problems: string[] = [];
  for (const element of allElements(root)) {
    if (['script', 'foreignObject', 'iframe', 'image', 'a', 'use'].includes(element.name)) problems.push(`<${element.name}>`);
    for (const [name, value] of element.attributes) {
      if (/^on/i.test(name)) problems.push(`${name} on <${element.name}>`);
      if (name === 'style') problems.push(`style attribute on <${element.name}>`);
      if (/href$/i.test(name)) problems.push(`${name} on <${element.name}>`);
      if (/url\(/.test(value) && !/^url\(#cnl-arrow-(allowed|blocked|unknown)\)$/.test(value)) problems.push(`${name}="${value}" on <${element.name}>`);
    }
  }
  return problems;
}

/** The structural summary: one line per meaningful element, indented by nesting. */
export function structureOf(root: XmlElement): string {
  const lines: string[] = [];
  const visit = (element: XmlElement, depth: number): void => {
    const classes = (element.attributes.get('class') ?? '').split(/\s+/).filter(Boolean);
    const kind = classes[0];
    const indent = '  '.repeat(depth);
    if (element.name === 'g' && kind !== undefined && kind !== 'edges' && kind !== 'edge-labels') {
      const id = element.attributes.get('data-logical-id');
      const texts = element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === 'text').map((text) => textOf(text));
      if (kind === 'edge-label') lines.push(`${indent}label ${classes.slice(1).join(' ')} [${texts.join(' | ')}]`);
      else lines.push(`${indent}${[kind, ...classes.slice(1), ...(id !== undefined ? [`#${id}`] : [])].join(' ')}${texts.length > 0 ? ` [${texts.join(' | ')}]` : ''}`);
      for (const child of element.children) if (typeof child !== 'string' && child.name === 'g') visit(child, depth + 1);
      return;
    }
    if (element.name === 'path' && kind === 'edge' && element.attributes.has('data-from')) {
      lines.push(`${indent}${classes.join(' ')} ${element.attributes.get('data-from')} -> ${element.attributes.get('data-to')}`);
      return;
    }
    for (const child of element.children) if (typeof child !== 'string') visit(child, depth);
  };
  visit(root, 0);
  return `${lines.join('\n')}\n`;
}
