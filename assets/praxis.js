/* Praxis progressive enhancement. Every page works without this file; it only adds
 * conveniences: copy buttons for secrets shown once (API tokens, invite links), a
 * "use my time zone" button next to time-zone fields, draft autosave for the compose forms
 * (new thread, reply), live similar questions while a title is typed, and live updates
 * (new posts, votes and the accepted answer on a thread, "n new threads" on a list, the
 * bell's count, an event's RSVP counts) over one Server-Sent Events stream. Loaded with
 * defer from /static/. */
(function () {
  "use strict";

  /* Buttons with data-copy="ID" copy the text of element ID. They are hidden in the HTML
     (useless without script) and shown here when the Clipboard API is available. */
  function setupCopy() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("button[data-copy]").forEach(function (btn) {
      var target = document.getElementById(btn.getAttribute("data-copy"));
      if (!target) return;
      btn.hidden = false;
      btn.addEventListener("click", function () {
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          var label = btn.textContent;
          btn.textContent = "Copied";
          setTimeout(function () { btn.textContent = label; }, 2000);
        });
      });
    });
  }

  /* Inputs with data-timezone-input get a button filling in the browser's time zone. */
  function setupTimezone() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (!zone) return;
    document.querySelectorAll("input[data-timezone-input]").forEach(function (input) {
      if (input.value === zone) return;
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "button button-small button-secondary";
      btn.textContent = "Use my time zone (" + zone + ")";
      btn.addEventListener("click", function () {
        input.value = zone;
        input.focus();
        btn.remove();
      });
      var wrap = document.createElement("p");
      wrap.className = "hint";
      wrap.appendChild(btn);
      input.insertAdjacentElement("afterend", wrap);
    });
  }


  /* Forms with data-draft-key save their title/body/tags/kind to the server a few seconds
     after the last keystroke (PUT /api/v1/drafts/KEY, X-CSRF-Token from the meta tag). The
     server pre-fills the form from the draft when the page loads, and deletes it when the
     thread or reply is posted. */
  function setupDrafts() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    var token = meta ? meta.getAttribute("content") : "";
    if (!token || !window.fetch) return;
    document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
      var key = form.getAttribute("data-draft-key");
      var status = form.querySelector(".draft-status");
      var timer = null;
      var last = null;
      var submitting = false;
      function value(name) {
        var el = form.elements.namedItem(name);
        if (!el) return "";
        if (el.length !== undefined && !el.tagName) { /* radio group */
          for (var i = 0; i < el.length; i++) if (el[i].checked) return el[i].value;
          return "";
        }
        return el.value || "";
      }
      function snapshot() {
        return JSON.stringify({
          title: value("title"), body: value("body"), tags: value("tags"), kind: value("kind")
        });
      }
      last = snapshot();
      function save() {
        timer = null;
        if (submitting) return;
        var body = snapshot();
        if (body === last) return;
        fetch("/api/v1/drafts/" + encodeURIComponent(key), {
          method: "PUT",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": token,
                     "Accept": "application/json" },
          body: body
        }).then(function (res) {
          if (res.ok) {
            last = body;
            if (status) status.textContent = "Draft saved";
          } else if (status) {
            status.textContent = "Draft not saved";
          }
        }).catch(function () {
          if (status) status.textContent = "Draft not saved (offline?)";
        });
      }
      function schedule() {
        if (status && status.textContent === "Draft saved") status.textContent = "";
        if (timer) clearTimeout(timer);
        timer = setTimeout(save, 2000);
      }
      form.addEventListener("input", schedule);
      form.addEventListener("change", schedule);
      form.addEventListener("submit", function () {
        submitting = true;
        if (timer) clearTimeout(timer);
      });
      window.addEventListener("pagehide", function () {
        if (timer) { clearTimeout(timer); save(); }
      });
    });
  }

  /* The compose page's "Similar questions" box follows the title as it is typed
     (GET /c/SLUG/similar?title=..., an HTML fragment rendered and escaped by the server). */
  function setupSimilar() {
    var box = document.getElementById("similar-results");
    var title = document.getElementById("title");
    if (!box || !title || !window.fetch) return;
    var url = box.getAttribute("data-similar-url");
    var timer = null;
    var seq = 0;
    var check = document.querySelector(".similar-check");
    if (check) check.hidden = true;
    box.setAttribute("aria-live", "polite");
    function load() {
      var q = title.value.trim();
      var mine = ++seq;
      if (q.length < 4) return;
      var body = document.getElementById("body");
      var extra = body && body.value ? "&body=" + encodeURIComponent(body.value.slice(0, 1000)) : "";
      fetch(url + "?title=" + encodeURIComponent(q) + extra, { credentials: "same-origin" })
        .then(function (res) { return res.ok ? res.text() : null; })
        .then(function (html) {
          if (html !== null && mine === seq) box.innerHTML = html;
        })
        .catch(function () { /* the button-less page still works without it */ });
    }
    title.addEventListener("input", function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, 400);
    });
  }

  /* Every composer's "Preview" button renders in place: POST /api/v1/preview with the
     form's text (kind "article" and the community on article forms), the server's HTML put
     in a <section class="preview"> above the text area. Without JavaScript the button
     submits the form with preview=1 and the server draws the same section. */
  function setupPreview() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    var token = meta ? meta.getAttribute("content") : "";
    if (!token || !window.fetch) return;
    document.querySelectorAll("button.preview-btn").forEach(function (btn) {
      var form = btn.form;
      if (!form) return;
      var area = form.querySelector("textarea[name=body], textarea[name=charter_md], " +
                                    "textarea[name=description_md], textarea[name=bio]");
      if (!area) return;
      btn.addEventListener("click", function (ev) {
        ev.preventDefault();
        var req = { body: area.value };
        var m = /\/c\/([^/]+)\/a\//.exec(form.getAttribute("action") || "");
        if (m) { req.kind = "article"; req.community = m[1]; }
        /* comments render their inline subset (domain/preview.h) */
        if (/^\/(p\/\d+\/comments|comments\/\d+\/edit)/.test(form.getAttribute("action") || ""))
          req.kind = "comment";
        var box = form.querySelector("section.preview");
        if (!box) {
          box = document.createElement("section");
          box.className = "preview";
          box.setAttribute("aria-label", "Preview");
          box.setAttribute("aria-live", "polite");
          var field = area.closest(".field") || area;
          field.parentNode.insertBefore(box, field);
        }
        fetch("/api/v1/preview", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": token,
                     "Accept": "application/json" },
          body: JSON.stringify(req)
        }).then(function (res) {
          return res.json().then(function (j) { return { ok: res.ok, j: j }; });
        }).then(function (x) {
          var title = '<p class="preview-title">Preview</p><div class="post-body">';
          if (x.ok) {
            box.innerHTML = title + (x.j.html || '<p class="muted">Nothing to preview yet.</p>') +
              "</div>";
          } else {
            box.innerHTML = title + "</div>";
            var p = document.createElement("p");
            p.className = "field-error";
            p.textContent = x.j && x.j.error ? x.j.error.message : "No preview.";
            box.lastChild.appendChild(p);
          }
        }).catch(function () { form.requestSubmit ? form.requestSubmit(btn) : form.submit(); });
      });
    });
    /* The "Add a comment" composer: focus the text when it opens. */
    document.querySelectorAll("details.comment-add").forEach(function (d) {
      d.addEventListener("toggle", function () {
        var t = d.querySelector("textarea");
        if (d.open && t) t.focus();
      });
    });
    /* Buttons that ask first (deleting a comment). */
    document.querySelectorAll("[data-confirm]").forEach(function (b) {
      b.addEventListener("click", function (ev) {
        if (!window.confirm(b.getAttribute("data-confirm"))) ev.preventDefault();
      });
    });
  }

  /* Live updates. Pages mark the channels they show with hidden elements
     <div data-live="thread:12" data-live-since="ID"> (web/parts_live.c); one EventSource on
     GET /live?ch=...&since=ID follows them all (the browser resends Last-Event-ID when it
     reconnects; a "reload" event means the page missed too much to patch). Changes are
     fetched as the server renders them: the page is fetched again and the parts that
     changed are taken from it, so the markup stays the server's. Protocol: docs/api.md. */
  function setupLive() {
    var marks = document.querySelectorAll("[data-live]");
    if (!marks.length || !window.EventSource || !window.DOMParser || !window.fetch) return;
    var chans = [], since = null;
    marks.forEach(function (m) {
      chans.push("ch=" + encodeURIComponent(m.getAttribute("data-live")));
      var s = m.getAttribute("data-live-since");
      if (s !== null && (since === null || Number(s) < since)) since = Number(s);
    });
    var url = "/live?" + chans.join("&") + (since !== null ? "&since=" + since : "");
    var es = new EventSource(url);
    var pending = [];           /* posts announced while the reader is scrolled away */
    var newThreads = 0;
    var fetching = null;

    /* Fetch this page again (at most one fetch in flight; later calls share it). */
    function refetch() {
      if (fetching) return fetching;
      fetching = fetch(location.pathname + location.search, { credentials: "same-origin" })
        .then(function (res) { return res.ok ? res.text() : null; })
        .then(function (html) {
          fetching = null;
          return html === null ? null : new DOMParser().parseFromString(html, "text/html");
        })
        .catch(function () { fetching = null; return null; });
      return fetching;
    }

    /* A polite status line (role="status") placed before el, made once. */
    function banner(id, before) {
      var b = document.getElementById(id);
      if (b) return b;
      b = document.createElement("p");
      b.id = id;
      b.className = "notice live-banner";
      b.setAttribute("role", "status");
      before.parentNode.insertBefore(b, before);
      return b;
    }

    function postsBox() {
      return document.querySelector(".thread-page .answers") ||
             document.querySelector(".thread-page .posts");
    }

    /* 1 if the end of the posts is on screen (or near): new posts may simply appear. */
    function atEnd(box) {
      var r = box.getBoundingClientRect();
      return r.bottom <= window.innerHeight + 200;
    }

    function insertPosts(ids, scroll) {
      refetch().then(function (doc) {
        var box = postsBox();
        if (!doc || !box) return;
        var first = null;
        ids.forEach(function (id) {
          if (document.getElementById("p" + id)) return;
          var fresh = doc.getElementById("p" + id);
          if (!fresh) return; /* on another page of the thread */
          var node = document.importNode(fresh, true);
          node.classList.add("is-new");
          box.appendChild(node);
          if (!first) first = node;
        });
        var empty = document.querySelector(".thread-page p.empty");
        if (first && empty) empty.remove();
        var title = document.querySelector(".thread-page .answers-title");
        var freshTitle = doc.querySelector(".thread-page .answers-title");
        if (title && freshTitle) title.textContent = freshTitle.textContent;
        if (first && scroll) {
          first.scrollIntoView({ block: "start" });
          first.setAttribute("tabindex", "-1");
          first.focus({ preventScroll: true });
        }
      });
    }

    function showPending() {
      var box = postsBox();
      if (!box || !pending.length) return;
      var b = banner("live-replies", box);
      b.textContent = "";
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "link-button";
      btn.textContent = pending.length + (pending.length === 1 ? " new reply" : " new replies") +
        " \u2014 show";
      btn.addEventListener("click", function () {
        var ids = pending;
        pending = [];
        b.remove();
        insertPosts(ids, true);
      });
      b.appendChild(btn);
    }

    /* Replace the posts named (or every post shown, ids null) with their fresh versions. */
    function refreshPosts(ids) {
      refetch().then(function (doc) {
        if (!doc) return;
        document.querySelectorAll(".thread-page article.post").forEach(function (old) {
          var id = Number(old.id.slice(1));
          if (ids && ids.indexOf(id) < 0) return;
          if (old.contains(document.activeElement) && document.activeElement.tagName === "TEXTAREA")
            return; /* do not take text from under someone's fingers */
          var fresh = doc.getElementById(old.id);
          if (fresh) old.replaceWith(document.importNode(fresh, true));
        });
      });
    }

    function onThread(d) {
      if (d.type === "post") {
        var box = postsBox();
        if (!box || document.getElementById("p" + d.post)) return;
        if (atEnd(box) && !pending.length) insertPosts([d.post], false);
        else { pending.push(d.post); showPending(); }
      } else if (d.type === "vote") {
        var score = document.querySelector("#p" + d.post + " .score");
        if (score && score.firstChild) score.firstChild.nodeValue = String(d.score);
      } else if (d.type === "edit" || d.type === "comment") {
        refreshPosts([d.post]); /* a post's comments are part of it */
      } else if (d.type === "accepted") {
        refreshPosts(null);
      }
    }

    function onCommunity(d) {
      var list = document.querySelector(".list-page");
      if (!list || d.type !== "thread") return;
      newThreads++;
      var head = list.querySelector(".page-head");
      var b = banner("live-threads", head ? head.nextSibling || head : list.firstChild);
      b.textContent = "";
      var a = document.createElement("a");
      a.href = location.pathname + location.search;
      a.textContent = newThreads + (newThreads === 1 ? " new thread" : " new threads") +
        " \u2014 show";
      b.appendChild(a);
    }

    function onUser(d) {
      if (d.type !== "notifications") return;
      var bell = document.querySelector("a.bell");
      if (!bell) return;
      var count = bell.querySelector(".unread-count");
      if (d.unread > 0) {
        if (!count) {
          count = document.createElement("span");
          count.className = "count unread-count";
          bell.appendChild(document.createTextNode(" "));
          bell.appendChild(count);
        }
        count.textContent = String(d.unread);
        bell.setAttribute("aria-label", "Notifications, " + d.unread + " unread");
      } else {
        if (count) count.remove();
        bell.setAttribute("aria-label", "Notifications");
      }
    }

    function onEvent() {
      refetch().then(function (doc) {
        if (!doc) return;
        [".event-facts", ".event-attendees"].forEach(function (sel) {
          var old = document.querySelector(sel), fresh = doc.querySelector(sel);
          if (old && fresh) old.replaceWith(document.importNode(fresh, true));
        });
      });
    }

    es.onmessage = function (e) {
      var d;
      try { d = JSON.parse(e.data); } catch (err) { return; }
      var kind = String(d.channel || "").split(":")[0];
      if (kind === "thread") onThread(d);
      else if (kind === "community") onCommunity(d);
      else if (kind === "user") onUser(d);
      else if (kind === "event") onEvent(d);
    };
    es.addEventListener("reload", function () {
      /* too much was missed to patch the page: say so rather than reload under the reader */
      var main = document.getElementById("main");
      if (!main) return;
      var b = banner("live-reload", main.firstChild);
      b.textContent = "";
      var a = document.createElement("a");
      a.href = location.pathname + location.search;
      a.textContent = "This page has changed \u2014 reload";
      b.appendChild(a);
    });
    window.addEventListener("pagehide", function () { es.close(); });
  }

  /* The site menu (a <details> in the header): kept open on wide screens, where the
     stylesheet hides its button (for browsers without ::details-content); on a phone it
     closes with Escape or a click outside it. */
  function setupMenu() {
    var menu = document.querySelector("details.site-menu");
    if (!menu || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 62rem)");
    function follow() { menu.open = wide.matches; }
    follow();
    if (wide.addEventListener) wide.addEventListener("change", follow);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open && !wide.matches) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (e) {
      if (menu.open && !wide.matches && !menu.contains(e.target)) menu.open = false;
    });
  }

  /* The event form: a new event without a profile zone starts in the browser's zone
     (data-tz-browser), and the "Repeat" fieldset shows only the parts of the chosen
     repetition (each .repeat-part lists its repetitions in data-freq). */
  function setupEventForm() {
    document.querySelectorAll("input[data-tz-browser]").forEach(function (input) {
      var zone;
      try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
      if (zone) input.value = zone;
    });
    var freq = document.getElementById("freq-select");
    if (!freq) return;
    var parts = document.querySelectorAll(".repeat-part[data-freq]");
    function follow() {
      parts.forEach(function (p) {
        p.hidden = p.getAttribute("data-freq").split(" ").indexOf(freq.value) < 0;
      });
    }
    freq.addEventListener("change", follow);
    follow();
  }

  /* The article edit conflict page: the text holds each overlap between
     "<<<<<<< your version", "=======" and ">>>>>>> revision N" lines (core/merge.c). Each
     overlap becomes a block showing both sides next to each other with a choice (mine,
     theirs, both, or edit by hand); every choice writes the merged text back into the
     textarea, which stays the form's only field (and the no-script way to resolve). */
  function setupConflicts() {
    var box = document.getElementById("conflict-resolver");
    if (!box) return;
    var area = document.getElementById(box.getAttribute("data-for"));
    if (!area) return;
    var parts = [], cur = null, side = null, text = [];
    area.value.split(/(?<=\n)/).forEach(function (line) {
      var bare = line.replace(/\r?\n$/, "");
      if (!cur && /^<<<<<<< /.test(bare)) {
        if (text.length) parts.push({ text: text.join("") });
        text = [];
        cur = { mine: "", theirs: "", minesLabel: bare.slice(8), theirsLabel: "", choice: "" };
        side = "mine";
      } else if (cur && side === "mine" && bare === "=======") {
        side = "theirs";
      } else if (cur && side === "theirs" && /^>>>>>>> /.test(bare)) {
        cur.theirsLabel = bare.slice(8);
        parts.push(cur);
        cur = null;
      } else if (cur) {
        cur[side] += line;
      } else {
        text.push(line);
      }
    });
    if (cur) return; /* unbalanced: leave the markers to the person */
    if (text.length) parts.push({ text: text.join("") });
    var conflicts = parts.filter(function (p) { return p.text === undefined; });
    if (!conflicts.length) return;

    function merged() {
      return parts.map(function (p) {
        if (p.text !== undefined) return p.text;
        if (p.choice === "mine") return p.mine;
        if (p.choice === "theirs") return p.theirs;
        if (p.choice === "both") return p.mine + p.theirs;
        if (p.choice === "edit") return p.edited;
        return "<<<<<<< " + p.minesLabel + "\n" + p.mine + "=======\n" + p.theirs +
          ">>>>>>> " + p.theirsLabel + "\n";
      }).join("");
    }
    var status = document.createElement("p");
    status.className = "conflict-status";
    status.setAttribute("role", "status");
    function update() {
      area.value = merged();
      var left = conflicts.filter(function (p) { return !p.choice; }).length;
      status.textContent = left ? left + " of " + conflicts.length +
        " overlaps still to choose; the text below follows your choices." :
        "Every overlap is resolved: the text below is the merged article. Review it and save.";
    }
    var head = document.createElement("h2");
    head.textContent = "Choose for each overlap";
    box.appendChild(head);
    box.appendChild(status);
    conflicts.forEach(function (p, i) {
      var sec = document.createElement("fieldset");
      sec.className = "conflict-block";
      var legend = document.createElement("legend");
      legend.textContent = "Overlap " + (i + 1) + " of " + conflicts.length;
      sec.appendChild(legend);
      var sides = document.createElement("div");
      sides.className = "conflict-sides";
      [["Yours", p.mine], ["Theirs (" + p.theirsLabel + ")", p.theirs]].forEach(function (s) {
        var d = document.createElement("div");
        d.className = "conflict-side";
        var h = document.createElement("h3");
        h.textContent = s[0];
        var pre = document.createElement("pre");
        pre.className = "conflict-text";
        pre.textContent = s[1] || "(nothing)";
        d.appendChild(h);
        d.appendChild(pre);
        sides.appendChild(d);
      });
      sec.appendChild(sides);
      var choices = document.createElement("div");
      choices.className = "conflict-choices";
      var edit = document.createElement("textarea");
      edit.className = "conflict-edit";
      edit.rows = 6;
      edit.hidden = true;
      edit.setAttribute("aria-label", "Overlap " + (i + 1) + ": your wording");
      edit.value = p.mine + p.theirs;
      p.edited = edit.value;
      [["mine", "Keep mine"], ["theirs", "Keep theirs"], ["both", "Keep both"],
        ["edit", "Edit"]].forEach(function (c) {
        var id = "conflict-" + i + "-" + c[0];
        var label = document.createElement("label");
        label.className = "choice-inline";
        var input = document.createElement("input");
        input.type = "radio";
        input.name = "conflict-" + i;
        input.setAttribute("form", "conflict-none"); /* no such form: never submitted */
        input.id = id;
        input.value = c[0];
        input.addEventListener("change", function () {
          p.choice = c[0];
          edit.hidden = c[0] !== "edit";
          if (c[0] === "edit") edit.focus();
          update();
        });
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + c[1]));
        choices.appendChild(label);
      });
      edit.addEventListener("input", function () {
        p.edited = edit.value.replace(/\n?$/, "\n");
        update();
      });
      sec.appendChild(choices);
      sec.appendChild(edit);
      box.appendChild(sec);
    });
    box.hidden = false;
    update();
  }

  /* Tabs that scroll sideways (a phone): bring the current one into the strip. */
  function setupTabs() {
    document.querySelectorAll(".subnav ul").forEach(function (ul) {
      var cur = ul.querySelector('[aria-current="page"]');
      if (!cur || ul.scrollWidth <= ul.clientWidth) return;
      var li = cur.parentNode;
      if (li.offsetLeft + li.offsetWidth > ul.clientWidth) ul.scrollLeft = li.offsetLeft - 16;
    });
  }

  function init() {
    setupMenu();
    setupTabs();
    setupConflicts();
    setupEventForm();
    setupCopy();
    setupTimezone();
    setupDrafts();
    setupSimilar();
    setupPreview();
    setupLive();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
