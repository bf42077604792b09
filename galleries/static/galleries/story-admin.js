// The photo story screen: "Lên"/"Xuống" buttons on each photo row reorder the rows
// and renumber their "thứ tự" fields, so the order is saved as seen. Without
// JavaScript the numbers are typed by hand; with it they still may be.
(function () {
  "use strict";

  function rows(body) {
    return Array.from(body.querySelectorAll("tr.form-row.has_original, tr.form-row.dynamic-items"))
      .filter(function (row) { return row.querySelector("input[name$='-position']"); });
  }

  function renumber(body) {
    rows(body).forEach(function (row, index) {
      row.querySelector("input[name$='-position']").value = String(index + 1);
    });
  }

  function move(row, direction) {
    var body = row.parentNode;
    var list = rows(body);
    var index = list.indexOf(row);
    var target = list[index + direction];
    if (!target) { return; }
    if (direction < 0) { body.insertBefore(row, target); } else { body.insertBefore(target, row); }
    renumber(body);
    var status = document.getElementById("story-order-status");
    if (status) { status.textContent = "Đã chuyển ảnh tới vị trí " + (index + direction + 1) + "."; }
    row.querySelector(direction < 0 ? "button.story-move--up" : "button.story-move--down").focus();
  }

  function button(label, css, direction, row) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "story-move " + css;
    element.textContent = label;
    element.addEventListener("click", function () { move(row, direction); });
    return element;
  }

  function enhance() {
    var group = document.querySelector(".story-photos");
    if (!group) { return; }
    var body = group.querySelector("tbody");
    if (!body) { return; }
    var status = document.createElement("p");
    status.id = "story-order-status";
    status.className = "story-order-status";
    status.setAttribute("role", "status");
    group.insertBefore(status, group.firstChild);
    rows(body).forEach(function (row) {
      var cell = row.querySelector("td.field-position");
      if (!cell) { return; }
      var holder = document.createElement("span");
      holder.className = "story-move-buttons";
      holder.appendChild(button("Lên", "story-move--up", -1, row));
      holder.appendChild(button("Xuống", "story-move--down", 1, row));
      cell.appendChild(holder);
    });
    renumber(body);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
