<?php
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A must-use plugin that wp-start.sh puts on every test site (never on a real
// one): a throw-away site on 127.0.0.1 sends no mail. WordPress defines its
// pluggable wp_mail() only when no one did before, and mu-plugins load first.

defined('ABSPATH') || exit;

if (!function_exists('wp_mail')) {
    function wp_mail($to, $subject, $message, $headers = '', $attachments = array())
    {
        return true;
    }
}
