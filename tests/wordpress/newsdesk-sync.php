<?php
/**
 * Plugin Name: Newsdesk Sync
 * Description: Lets the Newsdesk desktop app recognise the posts it wrote: registers the post meta fields newsdesk_uuid and newsdesk_group for the REST API and adds a newsdesk_uuid / newsdesk_group filter to /wp/v2/posts.
 * Version: 1
 * Requires at least: 5.6
 * License: GPL-3.0-or-later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Install it as a must-use plugin: copy this one file to
 * wp-content/mu-plugins/. Newsdesk works without it, more slowly: it then
 * finds its posts by the <!-- newsdesk:UUID --> marker at the end of the
 * content instead of by this meta field.
 *
 * Why: creating a post over the REST API is not idempotent. When the answer
 * to a create is lost, Newsdesk must find the post it may have created
 * before it tries again; every post it writes carries the client's uuid of
 * that edition (newsdesk_uuid) and of its story (newsdesk_group, which links
 * the editions of one story in different languages when the site has no
 * Polylang).
 */

defined('ABSPATH') || exit;

const NEWSDESK_SYNC_VERSION = 1;
const NEWSDESK_SYNC_META_KEYS = ['newsdesk_uuid', 'newsdesk_group'];

// A uuid in its usual text form, or the empty string to clear the field.
const NEWSDESK_SYNC_UUID_PATTERN = '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$';

function newsdesk_sync_register_meta(): void
{
    foreach (NEWSDESK_SYNC_META_KEYS as $key) {
        register_post_meta('post', $key, [
            'type' => 'string',
            'single' => true,
            'default' => '',
            // Only in the edit context: the ids are of no use to readers.
            'show_in_rest' => [
                'schema' => [
                    'type' => 'string',
                    'context' => ['edit'],
                    'pattern' => NEWSDESK_SYNC_UUID_PATTERN,
                ],
            ],
            'sanitize_callback' => static function ($value) {
                return strtolower(trim((string) $value));
            },
            // Whoever may edit the post may set its ids.
            'auth_callback' => static function ($allowed, $meta_key, $post_id, $user_id) {
                return $post_id
                    ? user_can($user_id, 'edit_post', $post_id)
                    : user_can($user_id, 'edit_posts');
            },
        ]);
    }
}
add_action('init', 'newsdesk_sync_register_meta');

function newsdesk_sync_collection_params(array $params): array
{
    foreach (NEWSDESK_SYNC_META_KEYS as $key) {
        $params[$key] = [
            'description' => sprintf('Limit result set to posts whose %s meta field is this uuid.', $key),
            'type' => 'string',
            'pattern' => NEWSDESK_SYNC_UUID_PATTERN,
        ];
    }
    return $params;
}
add_filter('rest_post_collection_params', 'newsdesk_sync_collection_params');

function newsdesk_sync_post_query(array $args, WP_REST_Request $request): array
{
    foreach (NEWSDESK_SYNC_META_KEYS as $key) {
        $value = $request->get_param($key);
        if (!is_string($value) || $value === '') {
            continue;
        }
        if (!isset($args['meta_query']) || !is_array($args['meta_query'])) {
            $args['meta_query'] = [];
        }
        $args['meta_query'][] = [
            'key' => $key,
            'value' => strtolower($value),
            'compare' => '=',
        ];
    }
    return $args;
}
add_filter('rest_post_query', 'newsdesk_sync_post_query', 10, 2);

function newsdesk_sync_register_routes(): void
{
    // Its presence in the /wp-json/ index tells Newsdesk this plugin is here.
    register_rest_route('newsdesk/v1', '/info', [
        'methods' => WP_REST_Server::READABLE,
        'callback' => static function () {
            return ['version' => NEWSDESK_SYNC_VERSION];
        },
        'permission_callback' => '__return_true',
    ]);
}
add_action('rest_api_init', 'newsdesk_sync_register_routes');
