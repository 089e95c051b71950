<?php
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Makes a scheduled ("future") post on a test site due now, as if its time
// had come, without waiting:
//
//   php tests/wordpress/wp-make-due.php STATE_DIR LANG POST_ID
//
// WordPress publishes at once a post scheduled less than a minute ahead, so a
// test cannot schedule one for "in two seconds". This moves the post's date
// to one second ago straight in the database (wp_update_post would publish it
// itself) and its publish_future_post event with it; the post stays
// "future" until something GETs /wp-cron.php, which then publishes it through
// WordPress's own cron, or it is a missed schedule when nothing does.

if ($argc !== 4 || !ctype_digit($argv[3])) {
    fwrite(STDERR, "usage: php wp-make-due.php STATE_DIR LANG POST_ID\n");
    exit(2);
}

require __DIR__ . '/wp-env.php';
newsdesk_wp_prepare($argv[1], $argv[2]);

require ABSPATH . 'wp-load.php';

$newsdesk_id = (int) $argv[3];
$newsdesk_post = get_post($newsdesk_id);
if (!$newsdesk_post || $newsdesk_post->post_status !== 'future') {
    fwrite(STDERR, "wp-make-due.php: post $newsdesk_id is not a scheduled post\n");
    exit(1);
}

$newsdesk_when = time() - 1;
$newsdesk_gmt = gmdate('Y-m-d H:i:s', $newsdesk_when);
global $wpdb;
$wpdb->update($wpdb->posts,
              ['post_date_gmt' => $newsdesk_gmt, 'post_date' => get_date_from_gmt($newsdesk_gmt)],
              ['ID' => $newsdesk_id]);
clean_post_cache($newsdesk_id);

wp_clear_scheduled_hook('publish_future_post', [$newsdesk_id]);
wp_schedule_single_event($newsdesk_when, 'publish_future_post', [$newsdesk_id]);
echo "post $newsdesk_id is due since $newsdesk_gmt UTC\n";
