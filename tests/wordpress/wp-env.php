<?php
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Prepares the command line for loading one test site made by wp-start.sh.
// A script includes this, calls newsdesk_wp_prepare() and then, in the global
// scope WordPress needs, does:
//
//   require ABSPATH . 'wp-load.php';

if (PHP_SAPI !== 'cli') {
    exit(1);
}

// Mail goes nowhere on a test site; WordPress's pluggable wp_mail() is only
// defined when no one defined it first.
function wp_mail($to, $subject, $message, $headers = '', $attachments = array())
{
    return true;
}

// Returns the site's directory, STATE_DIR/sites/LANG, after defining ABSPATH
// and the request variables WordPress reads even on the command line.
function newsdesk_wp_prepare(string $state_dir, string $lang): string
{
    if (!preg_match('/^[a-z]{2,3}(-[a-z0-9]+)?$/i', $lang)) {
        fwrite(STDERR, "not a language code: $lang\n");
        exit(2);
    }
    $site = rtrim($state_dir, '/') . '/sites/' . $lang;
    if (!is_file($site . '/wp/wp-config.php') || !is_file($site . '/url')) {
        fwrite(STDERR, "no site for '$lang' in $state_dir (run wp-start.sh first)\n");
        exit(2);
    }
    $url = trim(file_get_contents($site . '/url'));
    $host = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);

    define('ABSPATH', $site . '/wp/');
    $_SERVER['HTTP_HOST'] = $host;
    $_SERVER['SERVER_NAME'] = parse_url($url, PHP_URL_HOST);
    $_SERVER['SERVER_PORT'] = (string) parse_url($url, PHP_URL_PORT);
    $_SERVER['REQUEST_URI'] = '/';
    $_SERVER['REQUEST_METHOD'] = 'GET';
    $_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
    $_SERVER['REMOTE_ADDR'] = '127.0.0.1';

    ini_set('display_errors', 'stderr');
    return $site;
}
