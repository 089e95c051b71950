<?php
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Installs WordPress into one test site's database (run by wp-start.sh):
//
//   php wp-install.php STATE_DIR LANG TITLE [WPLANG]
//
// Creates the administrator "editor" and a second user "other" (role
// editor, for "edits by another user"), an application password for each,
// sets the time zone and pretty permalinks, removes the sample content so a
// new site holds no posts, and writes STATE_DIR/sites/LANG/credentials.json.

if ($argc < 4) {
    fwrite(STDERR, "usage: php wp-install.php STATE_DIR LANG TITLE [WPLANG]\n");
    exit(2);
}

require __DIR__ . '/wp-env.php';
$newsdesk_site = newsdesk_wp_prepare($argv[1], $argv[2]);
define('WP_INSTALLING', true);

require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

function newsdesk_fail(string $what, $error): void
{
    $message = is_wp_error($error) ? $error->get_error_message() : (string) $error;
    fwrite(STDERR, "wp-install.php: $what: $message\n");
    exit(1);
}

if (is_blog_installed()) {
    newsdesk_fail('install', 'the database ' . DB_NAME . ' already holds a site');
}

$newsdesk_wplang = $argv[4] ?? '';
$newsdesk_editor_password = wp_generate_password(24, false);
$newsdesk_other_password = wp_generate_password(24, false);

$newsdesk_result = wp_install($argv[3], 'editor', 'editor@newsdesk.invalid', false, '',
                              wp_slash($newsdesk_editor_password), $newsdesk_wplang);
$newsdesk_editor_id = (int) $newsdesk_result['user_id'];

update_option('blogdescription', 'Newsdesk test site');
// The publication's time zone (the Realist preset); a named zone, so
// gmt_offset follows it.
update_option('timezone_string', 'Europe/Moscow');
update_option('gmt_offset', '');
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
flush_rewrite_rules(false);

// A new site starts empty: no "Hello world!", sample page, privacy page or
// comment, so tests and benchmarks count only what they wrote.
foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1,
                    'fields' => 'ids']) as $newsdesk_id) {
    wp_delete_post($newsdesk_id, true);
}
foreach (get_comments(['fields' => 'ids']) as $newsdesk_id) {
    wp_delete_comment($newsdesk_id, true);
}

$newsdesk_other_id = wp_insert_user([
    'user_login' => 'other',
    'user_pass' => $newsdesk_other_password,
    'user_email' => 'other@newsdesk.invalid',
    'display_name' => 'Other Editor',
    'role' => 'editor',
]);
if (is_wp_error($newsdesk_other_id)) {
    newsdesk_fail('user "other"', $newsdesk_other_id);
}

$newsdesk_app = WP_Application_Passwords::create_new_application_password(
    $newsdesk_editor_id, ['name' => 'Newsdesk tests']);
if (is_wp_error($newsdesk_app)) {
    newsdesk_fail('application password for "editor"', $newsdesk_app);
}
$newsdesk_other_app = WP_Application_Passwords::create_new_application_password(
    $newsdesk_other_id, ['name' => 'Newsdesk tests']);
if (is_wp_error($newsdesk_other_app)) {
    newsdesk_fail('application password for "other"', $newsdesk_other_app);
}

$newsdesk_credentials = [
    'user' => 'editor',
    'password' => $newsdesk_editor_password,
    'app_password' => $newsdesk_app[0],
    'other_user' => 'other',
    'other_password' => $newsdesk_other_password,
    'other_app_password' => $newsdesk_other_app[0],
];
$newsdesk_file = $newsdesk_site . '/credentials.json';
if (file_put_contents($newsdesk_file, json_encode($newsdesk_credentials, JSON_PRETTY_PRINT) . "\n") === false
    || !chmod($newsdesk_file, 0600)) {
    newsdesk_fail('write', $newsdesk_file);
}
