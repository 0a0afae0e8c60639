// Import (all or nothing, with the rows' errors), export, and the plaques of a whole region.
(function () {
  'use strict';
  var $ = YZA.$;
  function plaqueLink() {
    $('plaque-go').href = '/api/v1/admin/regions/' + encodeURIComponent($('plaque-region').value) +
                          '/plaques.pdf?size=' + $('plaque-size').value;
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
    YZA.api('GET', '/api/v1/admin/regions').then(function (r) {
      (r.body.regions || []).forEach(function (g) {
        if (!g.in_scope) return;
        var o = YZA.h('option', null, g.name + '（' + g.code + '）'); o.value = g.code; $('plaque-region').appendChild(o);
      });
      plaqueLink();
    });
    $('plaque-region').addEventListener('change', plaqueLink);
    $('plaque-size').addEventListener('change', plaqueLink);
  });
})();
