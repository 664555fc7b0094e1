// Add a claim by selecting its words on the article page. Without this file the page's
// "Add a claim" link leads to a form where the words are pasted instead.
(function () {
  "use strict";
  var text = document.querySelector("[data-add-claim]");
  var form = text && document.getElementById(text.getAttribute("data-add-claim"));
  if (!form) return;

  var bar = document.createElement("div");
  bar.className = "selection-bar";
  bar.hidden = true;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "primary";
  button.textContent = "Add the selected words as a claim";
  bar.appendChild(button);
  (document.querySelector("main") || document.body).appendChild(bar);

  // A point of the selection as an offset in the article's text: the paragraph's own offset
  // (data-start) plus the length of the paragraph's text before the point.
  function offset(node, at) {
    var el = node.nodeType === 1 ? node : node.parentNode;
    var para = el && el.closest("p[data-start]");
    if (!para || !text.contains(para)) return null;
    var range = document.createRange();
    range.setStart(para, 0);
    range.setEnd(node, at);
    return parseInt(para.getAttribute("data-start"), 10) + range.toString().length;
  }

  function chosen() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var quote = range.toString();
    if (!quote.trim()) return null;
    var start = offset(range.startContainer, range.startOffset);
    var end = offset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    return { quote: quote, start: start, end: end };
  }

  document.addEventListener("selectionchange", function () { bar.hidden = chosen() === null; });

  button.addEventListener("click", function () {
    var words = chosen();
    if (!words) { bar.hidden = true; return; }
    form.elements.quote.value = words.quote;
    form.elements.start.value = words.start;
    form.elements.end.value = words.end;
    button.disabled = true;
    form.submit();
  });
})();
