/*
 * The feed's live updates: the console relays the gateway's server-sent events at the URL in #feed-live's
 * data-stream (under the session cookie: the page holds no token). Each entry is added at the top of #timeline,
 * built with textContent only. When the stream ends (the token expired, the session ended) the page resumes from the
 * last entry it received, unless the stream it resumed ended at once; a refusal (the session is over) stops it and says so.
 * Loaded on every page (htmx's boosted navigation does not run scripts in swapped content); does nothing without
 * #feed-live. The page works without it.
 */
(function () {
  'use strict';
  var source = null;
  var lastId = null;
  var resumed = false;
  var openedAt = 0;

  function stop() {
    if (source) {
      source.close();
      source = null;
    }
  }

  function say(live, text, stopped) {
    live.textContent = text;
    live.classList.toggle('stopped', stopped);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function actorName(actor) {
    if (actor && actor.displayName) {
      return actor.displayName;
    }
    var type = actor ? actor.type : '';
    return type === 'user' ? 'A user' : type === 'contact' ? 'A portal contact' : type === 'system' ? 'LexGuard' : 'Someone';
  }

  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }

  /* as the console writes times on the page: 7 Dec 2026, 22:29 UTC */
  function when(iso) {
    var d = new Date(iso);
    if (!iso || isNaN(d.getTime())) {
      return iso || '';
    }
    return d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear() + ', ' + two(d.getUTCHours()) + ':'
        + two(d.getUTCMinutes()) + ' UTC';
  }

  function add(entry) {
    var timeline = document.getElementById('timeline');
    if (!timeline || !entry || !entry.id || document.getElementById('entry-' + entry.id)) {
      return;
    }
    var empty = document.getElementById('timeline-empty');
    if (empty) {
      empty.remove();
    }
    var category = String(entry.category || 'other').replace(/[^a-z]/g, '');
    var item = element('li', 'entry fresh category-' + category);
    item.id = 'entry-' + entry.id;
    item.appendChild(element('p', 'summary', entry.summary || entry.type || ''));
    var meta = element('p', 'meta');
    meta.appendChild(element('span', 'tag', category));
    meta.appendChild(document.createTextNode(' ' + actorName(entry.actor) + ' · '));
    var time = element('time', null, when(entry.occurredAt));
    time.setAttribute('datetime', entry.occurredAt || '');
    meta.appendChild(time);
    if (entry.matter && entry.matter.id && timeline.dataset.matter !== entry.matter.id) {
      meta.appendChild(document.createTextNode(' · '));
      var link = element('a', null, entry.matter.displayNumber || 'a matter');
      link.href = '/console/matters/' + encodeURIComponent(entry.matter.id) + '/feed';
      meta.appendChild(link);
    }
    item.appendChild(meta);
    timeline.insertBefore(item, timeline.firstChild);
  }

  function open(live) {
    var url = live.dataset.stream;
    if (lastId) {
      url += (url.indexOf('?') < 0 ? '?' : '&') + 'lastEventId=' + encodeURIComponent(lastId);
    }
    source = new EventSource(url);
    source.addEventListener('open', function () {
      openedAt = Date.now();
      say(live, 'Live: new entries appear at the top.', false);
    });
    source.addEventListener('entry', function (event) {
      lastId = event.lastEventId || lastId;
      try {
        add(JSON.parse(event.data));
      } catch (e) {
        // an entry that does not parse is left out; the page still shows it after a reload
      }
    });
    source.addEventListener('end', function () {
      stop();
      // a stream that lived a while ended as streams do (its token expired): resume; one that ended at once, after a
      // resume, will not do better
      if (Date.now() - openedAt > 30000) {
        resumed = false;
      }
      if (resumed) {
        say(live, 'Live updates have stopped: the stream ended. Reload the page to resume.', true);
        return;
      }
      resumed = true;
      say(live, 'The stream ended; resuming…', true);
      window.setTimeout(function () {
        if (document.body.contains(live)) {
          open(live);
        }
      }, 2000);
    });
    source.addEventListener('error', function () {
      if (source && source.readyState === EventSource.CLOSED) {
        stop();
        say(live, 'Live updates have stopped: your session may have ended. Reload the page to continue.', true);
      }
    });
  }

  function start() {
    stop();
    lastId = null;
    resumed = false;
    var live = document.getElementById('feed-live');
    if (live && window.EventSource) {
      open(live);
    }
  }

  document.addEventListener('DOMContentLoaded', start);
  document.addEventListener('htmx:afterSettle', start);
  window.addEventListener('pagehide', stop);
}());
