// A minimal SPARQL syntax highlighter (part of cikg, MIT): tokens become <span> elements
// built with the DOM (never innerHTML), classes tok-keyword, tok-var, tok-iri, tok-pname,
// tok-string, tok-number, tok-comment, tok-punct.
"use strict";

(function (global) {
  const KEYWORDS = new Set((
    "BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED ORDER BY ASC DESC LIMIT " +
    "OFFSET DISTINCT REDUCED OPTIONAL UNION MINUS GRAPH SERVICE SILENT FILTER BIND VALUES " +
    "AS GROUP HAVING UNDEF NOT IN EXISTS A TRUE FALSE COUNT SUM MIN MAX AVG SAMPLE " +
    "GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS " +
    "CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS " +
    "STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID " +
    "MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK " +
    "ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE INSERT DELETE DATA LOAD CLEAR DROP CREATE " +
    "ADD MOVE COPY WITH USING DEFAULT ALL TO INTO").split(" "));
  // order matters: comments and strings before anything that could match inside them
  const TOKEN = new RegExp([
    "(#[^\\n]*)",                                   // 1 comment
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?)",
    "(<[^<>\"{}|^`\\\\\\s]*>)",                      // 3 IRI
    "([?$][A-Za-z0-9_\\u00C0-\\uFFFF]+)",           // 4 variable
    "((?:[A-Za-z][\\w.-]*)?:[\\w.%:-]*|_:[\\w.-]+)", // 5 prefixed name / blank node
    "([+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?))", // 6 number
    "([A-Za-z_][A-Za-z0-9_]*)",                      // 7 word
    "([{}()\\[\\].,;*=<>!&|^/+-]+)",                 // 8 punctuation
  ].join("|"), "g");
  const CLASSES = [null, "tok-comment", "tok-string", "tok-iri", "tok-var", "tok-pname",
                   "tok-number", null, "tok-punct"];

  function tokens(text) {
    const out = [];
    let last = 0;
    TOKEN.lastIndex = 0;
    let match;
    while ((match = TOKEN.exec(text)) !== null) {
      if (match[0] === "") { TOKEN.lastIndex++; continue; }
      if (match.index > last) out.push([null, text.slice(last, match.index)]);
      let cls = null;
      for (let i = 1; i < CLASSES.length; i++) {
        if (match[i] !== undefined) {
          cls = CLASSES[i];
          if (i === 7 && KEYWORDS.has(match[i].toUpperCase())) cls = "tok-keyword";
          break;
        }
      }
      out.push([cls, match[0]]);
      last = TOKEN.lastIndex;
    }
    if (last < text.length) out.push([null, text.slice(last)]);
    return out;
  }

  function render(target, text) {
    const fragment = document.createDocumentFragment();
    for (const [cls, value] of tokens(text)) {
      if (cls) {
        const span = document.createElement("span");
        span.className = cls;
        span.textContent = value;
        fragment.appendChild(span);
      } else {
        fragment.appendChild(document.createTextNode(value));
      }
    }
    // a trailing newline needs a character after it to take up a line in <pre>
    fragment.appendChild(document.createTextNode("\n"));
    target.replaceChildren(fragment);
  }

  function attach(textarea, code) {
    const pre = code.parentElement;
    const update = () => render(code, textarea.value);
    const sync = () => { pre.scrollTop = textarea.scrollTop; pre.scrollLeft = textarea.scrollLeft; };
    textarea.addEventListener("input", update);
    textarea.addEventListener("scroll", sync);
    update();
    return update;
  }

  global.SparqlHighlight = { tokens, render, attach };
})(window);
