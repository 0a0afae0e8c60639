// Import (all or nothing, with the rows' errors), export, and the plaques of a whole region.
(function () {
  'use strict';
  var $ = YZA.$;
  function plaqueLink() {
    $('plaque-go').href = '/api/v1/admin/regions/' + encodeURIComponent($('plaque-region').value) +
                          '/plaques.pdf?size=' + $('plaque-size').value;
  }
  function loadRegions() {
    YZA.api('GET', '/api/v1/admin/regions').then(function (r) {
      var rows = YZA.clear($('region-rows'));
      YZA.clear($('plaque-region'));
      YZA.clear($('host-region'));
      (r.body.regions || []).forEach(function (g) {
        rows.appendChild(YZA.h('tr', null, [YZA.h('td', 'nowrap', g.code), YZA.h('td', null, g.name)]));
        if (!g.in_scope) return;
        var o = YZA.h('option', null, g.name + '（' + g.code + '）'); o.value = g.code; $('plaque-region').appendChild(o);
        var h = YZA.h('option', null, g.name + '（' + g.code + '）'); h.value = g.code; $('host-region').appendChild(h);
      });
      plaqueLink();
    });
  }
  // The public address, and why plaques cannot be printed yet when workers' phones cannot reach it.
  function showAddress(view, saved) {
    if (!view) {
      YZA.api('GET', '/api/v1/admin/settings/public-address').then(function (r) { if (r.status === 200) showAddress(r.body); });
      return;
    }
    $('address-url').value = view.url || '';
    var editable = !view.fixed_by_flag && YZA.session().account.role === 'city_admin';
    $('address-url').disabled = !editable;
    $('address-save').hidden = !editable;
    $('plaque-go').classList.toggle('disabled', !view.printable);
    if (!view.printable) YZA.message($('address-message'), 'warn', view.problem);
    else if (view.fixed_by_flag) YZA.message($('address-message'), 'ok', '由启动参数 --public-url 指定。');
    else if (saved) YZA.message($('address-message'), 'ok', '已保存，之后生成的牌匾和二维码都用这个网址。');
    else $('address-message').hidden = true;
  }
  function loadHosts() {
    YZA.api('GET', '/api/v1/admin/hosts').then(function (r) {
      var rows = YZA.clear($('host-rows'));
      (r.body.hosts || []).forEach(function (h) {
        rows.appendChild(YZA.h('tr', null, [YZA.h('td', null, String(h.id)), YZA.h('td', null, h.name),
                                             YZA.h('td', null, h.type_label), YZA.h('td', 'small', h.region)]));
      });
    });
  }
  YZA.boot(function () {
    $('import').addEventListener('click', function () {
      var file = $('import-file').files[0];
      var message = $('import-message');
      if (!file) { YZA.message(message, 'error', '请先选择文件。'); return; }
      YZA.api('POST', '/api/v1/admin/uploads/stations?crs=' + $('import-crs').value, undefined, file).then(function (r) {
        if (r.status === 200) {
          YZA.message(message, 'ok', '导入完成：新建 ' + r.body.created + ' 个，更新 ' + r.body.updated + ' 个（其中 ' + r.body.unchanged + ' 个无变化）。');
        } else if (r.body.row_errors) {
          YZA.message(message, 'error', '文件有 ' + r.body.row_errors.length + ' 处错误，未写入任何数据：',
                      r.body.row_errors.map(function (e) { return '第 ' + e.line + ' 行：' + e.message; }));
        } else {
          YZA.message(message, 'error', YZA.errorText(r.status, r.body));
        }
      });
    });
    loadRegions();
    loadHosts();
    YZA.api('GET', '/api/v1/admin/standard').then(function (r) {
      (r.body.host_types || []).forEach(function (h) {
        var o = YZA.h('option', null, h.label); o.value = h.code; $('host-type').appendChild(o);
      });
    });
    $('region-save').addEventListener('click', function () {
      YZA.api('POST', '/api/v1/admin/regions', { code: $('region-code').value.trim(), name: $('region-name').value.trim() })
        .then(function (r) {
          if (r.status === 200) { YZA.message($('region-message'), 'ok', '已保存。'); loadRegions(); }
          else YZA.message($('region-message'), 'error', YZA.errorText(r.status, r.body));
        });
    });
    $('host-add').addEventListener('click', function () {
      YZA.api('POST', '/api/v1/admin/hosts', { name: $('host-name').value.trim(), type: $('host-type').value,
                                               region: $('host-region').value })
        .then(function (r) {
          if (r.status === 201) { YZA.message($('host-message'), 'ok', '已添加。'); $('host-name').value = ''; loadHosts(); }
          else YZA.message($('host-message'), 'error', YZA.errorText(r.status, r.body));
        });
    });
    showAddress();
    $('address-save').addEventListener('click', function () {
      YZA.api('PUT', '/api/v1/admin/settings/public-address', { url: $('address-url').value.trim() }).then(function (r) {
        if (r.status === 200) showAddress(r.body, true);
        else YZA.message($('address-message'), 'error', YZA.errorText(r.status, r.body));
      });
    });
    $('plaque-region').addEventListener('change', plaqueLink);
    $('plaque-size').addEventListener('change', plaqueLink);
  });
})();
