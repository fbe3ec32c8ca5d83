/*
 * metaclust explore: the glue between the data metaclust computed (positions,
 * colours, sizes, communities, centralities, proposals) and sigma.js. The
 * page only draws and interacts; nothing here changes a number.
 *
 * For scripts and tests: <body> gets data-ready="1", data-nodes, data-edges
 * (the view's links), data-edges-drawn, data-first-frame-ms (since the
 * navigation started) and data-resources (resources fetched: 0) after the
 * first frame; data-selected (the selected node's id) when one is selected,
 * data-visible (the nodes the filters let through), data-blocked when the
 * page tried a request (none should). The URL hash #search=NAME selects and
 * zooms to NAME (a name or an id) once drawn; filters and colours can be set
 * there too (applyHash).
 */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('mc-data').textContent);
  var E = JSON.parse(document.getElementById('mc-edges').textContent);
  var N = D.nodes;
  var n = N.id.length;
  var m = E.length / 3;
  var body = document.body;
  /* any request the page tries is blocked by its Content-Security-Policy, and counted */
  var blocked = 0;
  document.addEventListener('securitypolicyviolation', function (ev) {
    blocked++;
    body.setAttribute('data-blocked', blocked + ' ' + ev.blockedURI);
  });
  var GREY = D.other_colour, DIM = '#ececec', LINK = 'rgba(80,80,80,0.4)';
  var SUGGESTED = '#d62728';

  function $(id) { return document.getElementById(id); }
  function fmt(x) { return Number(x).toLocaleString('en'); }
  function real(x) {
    if (x === null || x === undefined) { return '–'; }
    if (Number.isInteger(x) || Math.abs(x) >= 100) { return fmt(Math.round(x)); }
    return Number(x).toPrecision(3);
  }
  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function option(sel, value, text) {
    var o = el('option', text);
    o.value = value;
    sel.appendChild(o);
  }

  /* ---- what each node belongs to ---- */
  var nodeProps = [];
  var v, k;
  for (v = 0; v < n; v++) { nodeProps.push([]); }
  D.proposals.forEach(function (p, pk) {
    p.members.forEach(function (u, i) { nodeProps[u].push([pk, p.roles[i]]); });
  });
  var byKey = {};
  for (v = 0; v < n; v++) {
    byKey[N.id[v].toLowerCase()] = v;
    if (!(N.name[v].toLowerCase() in byKey)) { byKey[N.name[v].toLowerCase()] = v; }
  }
  var wmax = m > 0 ? E[2] : 1;

  /* ---- caption and the cap on links ---- */
  $('caption').textContent = fmt(n) + ' organisations, ' + fmt(D.edges) + ' links (' +
    D.weight_name + '), ' + fmt(D.communities.length) + ' communities (modularity ' +
    real(D.modularity) + '), ' + fmt(D.proposals.length) + ' proposals. Layout ' + D.layout +
    (D.regions > 0 ? ' (' + fmt(D.regions) + ' communities placed as regions)' : '') +
    ', seed ' + D.seed + '; positions, colours and sizes as in metaclust render.';
  var caps = [10000, 50000, 100000, 200000].filter(function (c) { return c < m; });
  if (caps.indexOf(D.edges_drawn) < 0 && D.edges_drawn < m) { caps.push(D.edges_drawn); }
  caps.sort(function (a, b) { return a - b; });
  caps.forEach(function (c) { option($('f-cap'), c, 'the ' + fmt(c) + ' strongest'); });
  option($('f-cap'), m, 'all ' + fmt(m));
  $('f-cap').value = String(D.edges_drawn);

  /* ---- filter choices ---- */
  D.countries.map(function (c, i) { return [c, i]; })
    .filter(function (ci) { return ci[0].nodes > 0; })
    .sort(function (a, b) { return b[0].nodes - a[0].nodes || (a[0].code < b[0].code ? -1 : 1); })
    .forEach(function (ci) {
      option($('f-country'), ci[1], ci[0].name + ' (' + ci[0].code + ', ' + fmt(ci[0].nodes) + ')');
    });
  var sectorCount = D.sectors.map(function () { return 0; });
  for (v = 0; v < n; v++) { N.sectors[v].forEach(function (s) { sectorCount[s]++; }); }
  D.sectors.forEach(function (s, i) {
    if (sectorCount[i] > 0) { option($('f-sector'), i, s + ' (' + fmt(sectorCount[i]) + ')'); }
  });
  D.communities.forEach(function (c, i) {
    if (c.size >= 3 || i < 12) { option($('f-community'), i, 'C' + (i + 1) + ' (' + fmt(c.size) + ')'); }
  });
  D.proposals.forEach(function (p, i) {
    option($('f-proposal'), i, p.id + ' (' + p.members.length + ')');
  });
  if (D.proposals.length === 0) {
    $('f-proposal').disabled = true;
    $('colour').querySelector('option[value=proposal]').disabled = true;
  }

  var state = {
    colour: 'community', country: '', sector: '', community: '', proposal: '',
    minWeight: 0, cap: D.edges_drawn, hovered: null, hoverSet: null, selected: null
  };

  function colourOf(u) {
    if (state.colour === 'country') {
      return N.country[u] >= 0 ? D.countries[N.country[u]].colour : GREY;
    }
    if (state.colour === 'proposal') {
      return nodeProps[u].length ? D.proposals[nodeProps[u][0][0]].colour : GREY;
    }
    return D.communities[N.community[u]].colour;
  }

  function passes(u) {
    if (state.country !== '' && N.country[u] !== +state.country) { return false; }
    if (state.sector !== '' && N.sectors[u].indexOf(+state.sector) < 0) { return false; }
    if (state.community !== '' && N.community[u] !== +state.community) { return false; }
    if (state.proposal !== '' &&
        !nodeProps[u].some(function (pr) { return pr[0] === +state.proposal; })) { return false; }
    return true;
  }

  /* ---- the legend ---- */
  function legend() {
    var box = $('legend'), rows = [], other = 0, shown = {};
    box.textContent = '';
    box.appendChild(el('strong', 'Colour: ' + state.colour));
    if (state.colour === 'community') {
      D.communities.forEach(function (c, i) {
        if (c.colour !== GREY) { rows.push([c.colour, 'C' + (i + 1) + ' (' + fmt(c.size) + ')']); }
        else { other += c.size; }
      });
    } else if (state.colour === 'country') {
      D.countries.forEach(function (c) {
        if (c.colour !== GREY && c.nodes > 0) { rows.push([c.colour, c.name + ' (' + fmt(c.nodes) + ')', c.nodes]); }
        else { other += c.nodes; }
      });
      rows.sort(function (a, b) { return b[2] - a[2]; });
    } else {
      D.proposals.forEach(function (p) {
        if (p.colour !== GREY) { rows.push([p.colour, p.id + ' (' + p.members.length + ')']); }
      });
      for (var u = 0; u < n; u++) { if (colourOf(u) === GREY) { other++; } }
    }
    if (other > 0) { rows.push([GREY, (state.colour === 'proposal' ? 'in no proposal' : 'others') + ' (' + fmt(other) + ')']); }
    rows.forEach(function (r) {
      if (shown[r[1]]) { return; }
      shown[r[1]] = true;
      var d = el('div'), i = el('i');
      i.style.background = r[0];
      d.appendChild(i);
      d.appendChild(el('span', r[1]));
      box.appendChild(d);
    });
  }

  /* ---- WebGL, or the message ---- */
  function webgl() {
    try {
      var c = document.createElement('canvas');
      return !!(window.WebGLRenderingContext && (c.getContext('webgl2') || c.getContext('webgl')));
    } catch (e) {
      return false;
    }
  }
  body.setAttribute('data-nodes', n);
  body.setAttribute('data-edges', m);
  if (!webgl() || typeof Sigma === 'undefined' || typeof graphology === 'undefined') {
    $('nowebgl').hidden = false;
    body.classList.add('nowebgl');
    body.setAttribute('data-webgl', '0');
    body.setAttribute('data-ready', '1');
    return;
  }

  /* ---- the graph ---- */
  var graph = new graphology.Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (v = 0; v < n; v++) {
    graph.addNode(String(v), { x: N.x[v], y: N.y[v], size: N.size[v], label: N.name[v], color: colourOf(v) });
  }
  function edgeSize(w) { return 0.8 + 2.4 * Math.sqrt(w / wmax); }
  function loadEdges() {
    graph.clearEdges();
    var cap = Math.min(state.cap, m);
    for (var j = 0; j < cap; j++) {
      var w = E[3 * j + 2];
      if (w < state.minWeight) { break; } /* strongest first: the rest are weaker */
      graph.addEdgeWithKey('e' + j, String(E[3 * j]), String(E[3 * j + 1]),
        { size: edgeSize(w), color: LINK, weight: w });
    }
    var weak = 0;
    if (state.proposal !== '') {
      D.proposals[+state.proposal].links.forEach(function (l, i) {
        var a = String(l[0]), b = String(l[1]);
        var attrs = { size: 2.5, color: SUGGESTED, suggested: true, score: l[2] };
        if (graph.hasEdge(a, b)) { /* a weak tie already (propose counts recurring ones only) */
          graph.mergeEdgeAttributes(graph.edge(a, b), attrs);
          weak++;
        } else {
          graph.addEdgeWithKey('s' + i, a, b, attrs);
        }
      });
    }
    var left = m - graph.size;
    var note = '';
    if (state.cap < m) {
      note = 'Only the ' + fmt(state.cap) + ' strongest of ' + fmt(m) +
        ' links are drawn, to keep the page fast; choose more under "Links drawn".';
    }
    if (state.minWeight > 0) {
      note += (note ? ' ' : '') + fmt(left) + ' links below the minimum weight or the cap are hidden.';
    }
    if (state.proposal !== '') {
      note += (note ? ' ' : '') + 'Red: the suggested first links of ' + D.proposals[+state.proposal].id +
        (weak ? ' (' + weak + ' of them already a weak tie here: propose counts recurring cooperation only)' : '') + '.';
    }
    $('note').textContent = note;
    body.setAttribute('data-edges-drawn', graph.size);
    if (typeof renderer !== 'undefined') { refresh(true); }
  }
  loadEdges();

  function nodeReducer(node, data) {
    var u = +node, res = Object.assign({}, data);
    if (!passes(u)) { res.hidden = true; return res; }
    if (state.hoverSet && !state.hoverSet[node]) {
      res.color = DIM;
      res.label = '';
      res.zIndex = 0;
    } else if (state.hoverSet) {
      res.zIndex = 1; /* the partners' labels: as many as fit (sigma's label grid) */
      res.forceLabel = node === state.hovered;
    }
    if (node === state.selected) {
      res.highlighted = true;
      res.forceLabel = true;
    }
    return res;
  }
  function edgeReducer(edge, data) {
    var res = Object.assign({}, data), ends = graph.extremities(edge);
    if (!passes(+ends[0]) || !passes(+ends[1])) { res.hidden = true; return res; }
    res.zIndex = data.suggested ? 1 : 0;
    if (state.hovered !== null && ends[0] !== state.hovered && ends[1] !== state.hovered) {
      res.hidden = !data.suggested;
    } else if (state.hovered !== null) {
      res.color = 'rgba(40,40,40,0.8)';
    }
    return res;
  }

  var container = $('graph');
  var renderer;
  try {
    renderer = new Sigma(graph, container, {
      nodeReducer: nodeReducer,
      edgeReducer: edgeReducer,
      labelRenderedSizeThreshold: 5,
      labelDensity: 0.6,
      labelGridCellSize: 110,
      labelFont: 'DejaVu Sans, sans-serif',
      zIndex: true,
      minCameraRatio: 0.01,
      maxCameraRatio: 4
    });
  } catch (e) {
    $('nowebgl').hidden = false;
    body.classList.add('nowebgl');
    body.setAttribute('data-webgl', '0');
    body.setAttribute('data-ready', '1');
    return;
  }
  /* redraws; `indexed` when links were added or removed (sigma must index them again) */
  function refresh(indexed) {
    renderer.refresh(indexed ? undefined : { skipIndexation: true });
    var shown = 0;
    for (var u = 0; u < n; u++) { if (passes(u)) { shown++; } }
    body.setAttribute('data-visible', shown);
  }

  /* after a filter: the camera frames the nodes it lets through */
  function frame(duration) {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, any = false;
    for (var u = 0; u < n; u++) {
      if (!passes(u)) { continue; }
      var d = renderer.getNodeDisplayData(String(u));
      if (!d) { continue; }
      any = true;
      x0 = Math.min(x0, d.x); x1 = Math.max(x1, d.x);
      y0 = Math.min(y0, d.y); y1 = Math.max(y1, d.y);
    }
    if (!any) { return; }
    var ratio = Math.min(1, Math.max(0.05, 1.3 * Math.max(x1 - x0, y1 - y0)));
    renderer.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: ratio },
      { duration: duration === undefined ? 400 : duration });
  }

  /* ---- hover: the node and its partners, the rest dimmed ---- */
  renderer.on('enterNode', function (ev) {
    state.hovered = ev.node;
    state.hoverSet = {};
    state.hoverSet[ev.node] = true;
    graph.forEachNeighbor(ev.node, function (nb) { state.hoverSet[nb] = true; });
    body.setAttribute('data-highlighted', Object.keys(state.hoverSet).length);
    refresh();
  });
  renderer.on('leaveNode', function () {
    state.hovered = null;
    state.hoverSet = null;
    body.removeAttribute('data-highlighted');
    refresh();
  });

  /* ---- the click panel ---- */
  function row(t, label, value) {
    var tr = el('tr');
    tr.appendChild(el('td', label));
    tr.appendChild(el('td', value));
    t.appendChild(tr);
  }
  function select(u, zoom) {
    var panel = $('panel');
    if (u === null) {
      state.selected = null;
      panel.hidden = true;
      body.removeAttribute('data-selected');
      refresh();
      return;
    }
    state.selected = String(u);
    body.setAttribute('data-selected', N.id[u]);
    panel.textContent = '';
    var close = el('button', '×');
    close.title = 'close';
    close.addEventListener('click', function () { select(null); });
    panel.appendChild(close);
    panel.appendChild(el('h2', N.name[u]));
    var t = el('table');
    var c = N.country[u] >= 0 ? D.countries[N.country[u]] : null;
    row(t, 'id', N.id[u]);
    row(t, 'country', c ? c.name + ' (' + c.code + ')' : '–');
    row(t, 'region', N.region[u] || '–');
    row(t, 'sectors', N.sectors[u].map(function (s) { return D.sectors[s]; }).join(', ') || '–');
    row(t, 'label', N.label[u] || '–');
    if (N.type[u]) { row(t, 'type', N.type[u]); }
    row(t, 'community', 'C' + (N.community[u] + 1) + ' (' + fmt(D.communities[N.community[u]].size) + ' nodes)');
    row(t, 'partners (degree)', fmt(N.degree[u]));
    row(t, 'strength', real(N.strength[u]));
    row(t, 'PageRank', real(N.pagerank[u]));
    row(t, 'betweenness', real(N.betweenness[u]) + (D.betweenness_sampled ? ' (sampled)' : ''));
    panel.appendChild(t);
    panel.appendChild(el('h2', 'Profile'));
    var pt = el('table');
    [['partners', 'pct_degree'], ['strength', 'pct_strength'], ['PageRank', 'pct_pagerank'],
      ['betweenness', 'pct_betweenness']].forEach(function (r) {
      var x = N[r[1]][u];
      row(pt, r[0], x === null ? '–' : 'percentile ' + Math.round(x));
    });
    panel.appendChild(pt);
    panel.appendChild(el('p', 'Among the ' + fmt(n - 1) + ' other organisations of the view ' +
      '(50: the middle, 100: the highest), as metaclust profile ranks them.'));
    panel.appendChild(el('h2', 'Proposals'));
    if (nodeProps[u].length === 0) {
      panel.appendChild(el('p', D.proposals.length ? 'in no proposal' : 'no proposals in this file (explore --proposals DIR)'));
    } else {
      var ul = el('ul');
      nodeProps[u].forEach(function (pr) {
        var p = D.proposals[pr[0]];
        ul.appendChild(el('li', p.id + (pr[1] ? ' — ' + pr[1] : '') + ' (score ' + real(p.score) + ')'));
      });
      panel.appendChild(ul);
    }
    panel.appendChild(el('h2', 'Strongest partners'));
    var partners = [];
    graph.forEachEdge(String(u), function (e, a) {
      if (a.weight !== undefined) { partners.push([graph.opposite(String(u), e), a.weight]); }
    });
    partners.sort(function (a, b) { return b[1] - a[1]; });
    var pl = el('ul');
    partners.slice(0, 8).forEach(function (p) { pl.appendChild(el('li', N.name[+p[0]] + ' (' + real(p[1]) + ')')); });
    if (partners.length === 0) { pl.appendChild(el('li', 'none among the links drawn')); }
    panel.appendChild(pl);
    panel.hidden = false;
    renderer.resize();
    if (zoom) {
      var d = renderer.getNodeDisplayData(String(u));
      if (d) { renderer.getCamera().animate({ x: d.x, y: d.y, ratio: n > 300 ? 0.15 : 0.6 }, { duration: zoom === 'now' ? 0 : 400 }); }
    }
    refresh();
  }
  renderer.on('clickNode', function (ev) { select(+ev.node, false); });
  renderer.on('clickStage', function () { select(null); });

  /* ---- search with suggestions ---- */
  function find(q) {
    q = q.trim().toLowerCase();
    if (q === '') { return null; }
    if (q in byKey) { return byKey[q]; }
    for (var u = 0; u < n; u++) {
      if (N.name[u].toLowerCase().indexOf(q) >= 0 || N.id[u].toLowerCase().indexOf(q) >= 0) { return u; }
    }
    return null;
  }
  function search(q, zoom) {
    var u = find(q);
    $('search-msg').textContent = u === null && q.trim() !== '' ? 'no node matches “' + q + '”' : '';
    if (u !== null) { select(u, zoom); }
    return u;
  }
  $('search').addEventListener('input', function () {
    var q = this.value.trim().toLowerCase(), list = $('suggest'), count = 0;
    list.textContent = '';
    if (q.length < 2) { return; }
    for (var u = 0; u < n && count < 20; u++) {
      if (N.name[u].toLowerCase().indexOf(q) >= 0 || N.id[u].toLowerCase().indexOf(q) >= 0) {
        option(list, N.name[u], N.id[u] + (c(u) ? ' · ' + c(u) : ''));
        count++;
      }
    }
    function c(x) { return N.country[x] >= 0 ? D.countries[N.country[x]].code : ''; }
  });
  $('search').addEventListener('change', function () { search(this.value, true); });
  $('search').addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { search(this.value, true); } });

  /* ---- colours and filters ---- */
  function recolour() {
    graph.forEachNode(function (node) { graph.setNodeAttribute(node, 'color', colourOf(+node)); });
    legend();
  }
  $('colour').addEventListener('change', function () { state.colour = this.value; recolour(); });
  ['country', 'sector', 'community'].forEach(function (f) {
    $('f-' + f).addEventListener('change', function () { state[f] = this.value; refresh(); frame(); });
  });
  $('f-proposal').addEventListener('change', function () {
    state.proposal = this.value;
    if (this.value !== '' && state.colour !== 'proposal') { state.colour = 'proposal'; $('colour').value = 'proposal'; recolour(); }
    loadEdges();
    frame();
  });
  $('f-weight').addEventListener('change', function () {
    state.minWeight = Math.max(0, +this.value || 0);
    loadEdges();
  });
  $('f-cap').addEventListener('change', function () { state.cap = +this.value; loadEdges(); });
  legend();

  /*
   * The URL hash, applied as if chosen in the page: #search=NAME&colour=country&country=CZ&
   * sector=S&community=3&proposal=ID&min-weight=2 (any of them, in any order).
   */
  function choose(id, test) {
    var sel = $(id);
    for (var i = 0; i < sel.options.length; i++) {
      if (test(sel.options[i].value)) {
        sel.value = sel.options[i].value;
        sel.dispatchEvent(new Event('change'));
        return true;
      }
    }
    $('search-msg').textContent = 'the link asks for an unknown ' + id.replace(/^f-/, '');
    return false;
  }
  function applyHash(zoom) {
    var q = null;
    window.location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('='), k = i < 0 ? kv : kv.slice(0, i);
      var val = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' '));
      if (k === 'search') { q = val; }
      else if (k === 'colour' || k === 'color') { choose('colour', function (x) { return x === val; }); }
      else if (k === 'country') {
        choose('f-country', function (x) { return x !== '' && D.countries[+x].code === val.toUpperCase(); });
      } else if (k === 'sector') {
        choose('f-sector', function (x) { return x !== '' && D.sectors[+x].toLowerCase() === val.toLowerCase(); });
      } else if (k === 'community') {
        choose('f-community', function (x) { return x !== '' && +x + 1 === +val.replace(/^C/i, ''); });
      } else if (k === 'proposal') {
        choose('f-proposal', function (x) { return x !== '' && D.proposals[+x].id === val; });
      } else if (k === 'hover') { /* as if the pointer rested on the node */
        var u = find(val);
        if (u !== null) { renderer.emit('enterNode', { node: String(u) }); }
      } else if (k === 'min-weight') {
        $('f-weight').value = val;
        $('f-weight').dispatchEvent(new Event('change'));
      }
    });
    if (q !== null) {
      $('search').value = q;
      search(q, zoom);
    }
  }

  /* ---- ready after the first frame, then the hash ---- */
  renderer.once('afterRender', onFirstFrame);
  refresh();
  function onFirstFrame() {
    body.setAttribute('data-edges-drawn', graph.size);
    body.setAttribute('data-first-frame-ms', Math.round(performance.now()));
    body.setAttribute('data-resources', performance.getEntriesByType('resource').length);
    body.setAttribute('data-ready', '1');
    applyHash('now');
  }
  window.addEventListener('hashchange', function () { applyHash(true); });
})();
