'use strict';

// Elastic Beanstalk's nginx proxies to the port it passes in PORT (8080 by default).
const http = require('http');

const port = Number(process.env.PORT || 8080);

http
  .createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>It works</title><h1>Elastic Beanstalk sample app</h1><p>Replace me with your own bundle.</p>\n');
  })
  .listen(port, () => console.log(`listening on ${port}`));
