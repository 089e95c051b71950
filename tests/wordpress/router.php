<?php
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Router for PHP's built-in server running one test WordPress site:
//
//   NEWSDESK_WP_ABSPATH=SITE/wp php -S 127.0.0.1:PORT -t SITE/wp router.php
//
// SITE/wp is the site's tree made by wp-start.sh: symbolic links to Debian's
// /usr/share/wordpress plus the site's own wp-config.php and wp-content/.
// Debian's wp-config.php only reads /etc/wordpress/config-*.php and picks the
// file from the Host header with the port stripped, so every site on
// 127.0.0.1 would share one global file. Defining ABSPATH here, before
// WordPress does, makes wp-load.php read SITE/wp/wp-config.php instead
// (PHP resolves the links, so __DIR__ inside WordPress is
// /usr/share/wordpress, and only ABSPATH points at the site), and nothing
// outside the state directory changes.

$abspath = getenv('NEWSDESK_WP_ABSPATH');
if (!is_string($abspath) || $abspath === '' || !is_file($abspath . '/wp-config.php')) {
    http_response_code(500);
    echo "router.php: NEWSDESK_WP_ABSPATH does not name a site tree\n";
    return true;
}
define('ABSPATH', rtrim($abspath, '/') . '/');

$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');

// The server only listens on 127.0.0.1, but a path climbing out of the tree
// is still refused rather than followed.
if (strpos($path, "\0") !== false || preg_match('#(^|/)\.\.(/|$)#', $path)) {
    http_response_code(400);
    return true;
}

$file = rtrim($_SERVER['DOCUMENT_ROOT'], '/') . $path;
if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) {
    $file = rtrim($file, '/') . '/index.php';
    $path = rtrim($path, '/') . '/index.php';
}

if (is_file($file) && substr($file, -4) !== '.php') {
    // Static files (scripts, styles, uploads) are served by the server itself.
    return false;
}

if (!is_file($file)) {
    // Pretty permalinks and /wp-json/: everything else is WordPress's to route,
    // as Apache's rewrite rules in Debian's htaccess would do.
    $file = ABSPATH . 'index.php';
    $path = '/index.php';
}

// PHP files run here rather than by returning false, so they see ABSPATH.
// This is the global scope WordPress expects; the router's own variables are
// dropped first so none of them looks like one of WordPress's globals.
$_SERVER['SCRIPT_FILENAME'] = $file;
$_SERVER['SCRIPT_NAME'] = $path;
$_SERVER['PHP_SELF'] = $path;
chdir(dirname($file));
unset($abspath, $path, $file);
require $_SERVER['SCRIPT_FILENAME'];
