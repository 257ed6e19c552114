// CloudFront Function (runtime cloudfront-js-2.0) of a website's redirect distribution: answers
// every viewer request with a 301 to the same path and query string on the site's own host, over
// HTTPS. WebsiteDistribution replaces __TARGET_HOST__ at synth. CloudFront runs it at the edge
// before any origin is asked, so the distribution's origin is never contacted.
var TARGET_HOST = '__TARGET_HOST__';

// CloudFront calls handler by name; nothing here does.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
function handler(event) {
  var request = event.request;
  var query = [];
  Object.keys(request.querystring).forEach(function (name) {
    var entry = request.querystring[name];
    var values = entry.multiValue ? entry.multiValue : [entry];
    values.forEach(function (item) {
      query.push(item.value === '' ? name : name + '=' + item.value);
    });
  });
  return {
    statusCode: 301,
    statusDescription: 'Moved Permanently',
    headers: {
      location: { value: 'https://' + TARGET_HOST + request.uri + (query.length > 0 ? '?' + query.join('&') : '') },
      'cache-control': { value: 'max-age=3600' },
    },
  };
}
