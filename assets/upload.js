/* Uploads from the composers (progressive enhancement of web/parts_upload.c). Each
 * <p data-upload-for="ID" data-upload-community="SLUG"> under a textarea gets a button that
 * opens a file chooser; files pasted into or dropped onto the textarea are uploaded too.
 * Each file goes to POST /api/v1/uploads (multipart, X-CSRF-Token from the meta tag) with
 * progress and errors in the status line, and its Markdown is inserted at the cursor.
 * Without this file the link to the upload page still works. Loaded with defer. */
(function () {
  "use strict";

  function setup(tools, token) {
    var area = document.getElementById(tools.getAttribute("data-upload-for"));
    if (!area) return;
    var community = tools.getAttribute("data-upload-community") || "";
    /* data-upload-as="link": a text that shows no images (comments) gets [NAME](URL) */
    var asLink = tools.getAttribute("data-upload-as") === "link";
    var status = tools.querySelector(".upload-status");
    var link = tools.querySelector(".upload-link");
    var hint = tools.querySelector(".upload-hint");
    var input = document.createElement("input");
    input.type = "file";
    input.multiple = true;
    input.accept = "image/jpeg,image/png,image/gif,image/webp,application/pdf,text/plain";
    input.hidden = true;
    input.className = "upload-input";
    input.setAttribute("aria-hidden", "true");
    input.tabIndex = -1;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary upload-button";
    button.textContent = asLink ? "Add a file" : "Add an image or file";
    if (link) link.hidden = true;
    if (hint) hint.textContent = asLink ? "or paste or drop it into the text (it goes in as a link)."
                                        : "or paste or drop images into the text.";
    tools.insertBefore(input, tools.firstChild);
    tools.insertBefore(button, input.nextSibling);

    function say(text, error) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("upload-error", !!error);
    }

    function insert(md) {
      var start = area.selectionStart, end = area.selectionEnd;
      var before = area.value.slice(0, start);
      /* its own paragraph, so an image stands on its own line */
      var lead = !before || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
      var text = lead + md + "\n\n";
      if (typeof start !== "number") {
        area.value += text;
      } else {
        area.setRangeText(text, start, end, "end");
      }
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function send(file) {
      return new Promise(function (resolve) {
        var fd = new FormData();
        if (community) fd.append("community", community);
        fd.append("file", file, file.name || "pasted-image");
        var xhr = new XMLHttpRequest();
        xhr.open("POST", "/api/v1/uploads");
        xhr.setRequestHeader("X-CSRF-Token", token);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.upload.addEventListener("progress", function (e) {
          if (e.lengthComputable)
            say("Uploading " + (file.name || "image") + "… " + Math.round(100 * e.loaded / e.total) + "%");
        });
        xhr.addEventListener("load", function () {
          var j = null;
          try { j = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
          if (xhr.status === 201 && j && j.markdown) {
            insert(asLink ? j.markdown.replace(/^!/, "") : j.markdown);
            say("Uploaded " + j.name + ".");
          } else {
            say((file.name || "The file") + ": " +
                (j && j.error && j.error.message ? j.error.message : "the upload failed (" + xhr.status + ")."), true);
          }
          resolve();
        });
        xhr.addEventListener("error", function () {
          say((file.name || "The file") + ": the upload failed (offline?).", true);
          resolve();
        });
        say("Uploading " + (file.name || "image") + "…");
        xhr.send(fd);
      });
    }

    function sendAll(files) {
      var list = Array.prototype.slice.call(files || []);
      var p = Promise.resolve();
      list.forEach(function (f) { p = p.then(function () { return send(f); }); });
      return p;
    }

    button.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      sendAll(input.files).then(function () { input.value = ""; area.focus(); });
    });
    area.addEventListener("paste", function (e) {
      var files = e.clipboardData && e.clipboardData.files;
      if (files && files.length) {
        e.preventDefault();
        sendAll(files);
      }
    });
    area.addEventListener("dragover", function (e) {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
        e.preventDefault();
        area.classList.add("upload-drop");
      }
    });
    area.addEventListener("dragleave", function () { area.classList.remove("upload-drop"); });
    area.addEventListener("drop", function (e) {
      area.classList.remove("upload-drop");
      var files = e.dataTransfer && e.dataTransfer.files;
      if (files && files.length) {
        e.preventDefault();
        area.focus();
        sendAll(files);
      }
    });
  }

  function init() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    var token = meta ? meta.getAttribute("content") : "";
    if (!token || !window.FormData || !window.XMLHttpRequest) return;
    document.querySelectorAll("[data-upload-for]").forEach(function (t) { setup(t, token); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
