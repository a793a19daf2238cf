/* A Web Worker stand-in for pages opened from the file system (file://),
   where browsers refuse real workers. It runs the worker script in a hidden
   same-origin iframe and passes messages both ways, which is what
   mkdocs-material's search needs offline. Over http(s) it does nothing.
   Written for this project in place of the `iframe-worker` package that
   material's offline plugin would load from a web CDN. */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window === "undefined") return;

  function loadScript(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + url)); };
      doc.head.appendChild(script);
    });
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      var self = this;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.setAttribute("aria-hidden", "true");
      frame.tabIndex = -1;
      frame.title = "search";
      (document.body || document.documentElement).appendChild(frame);
      var win = frame.contentWindow;
      var doc = win.document;
      var base = new URL(url, location.href).href;
      this._win = win;
      this._queue = [];
      this._ready = false;
      win.postMessage = function (data) {
        setTimeout(function () { self._emit("message", data); }, 0);
      };
      win.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, next) {
          return done.then(function () { return loadScript(doc, new URL(next, base).href); });
        }, Promise.resolve());
      };
      loadScript(doc, base).then(function () {
        self._ready = true;
        self._queue.splice(0).forEach(function (data) { self._deliver(data); });
      }, function (error) { self._emit("error", error); });
    }

    _emit(type, data) {
      var event = type === "message" ? new MessageEvent("message", { data: data }) : new ErrorEvent("error", { error: data });
      this.dispatchEvent(event);
      var handler = type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, event);
    }

    _deliver(data) {
      var win = this._win;
      win.dispatchEvent(new win.MessageEvent("message", { data: data }));
    }

    postMessage(data) {
      if (this._ready) this._deliver(data); else this._queue.push(data);
    }

    terminate() {
      this._ready = false;
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
