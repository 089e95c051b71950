<?php
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Fills a test site made by wp-start.sh with posts for the benchmarks:
//
//   php tests/wordpress/wp-seed.php STATE_DIR LANG N [SEED]
//
// Writes N posts "as if written on the web" (no Newsdesk uuid) by the user
// "editor": ~600-word bodies in the site's language (ru, ar; anything else
// gets English), 0-4 of 40 tags, one of six sections as category, mixed
// statuses (publish 85 %, draft 5 %, pending 3 %, private 2 %, future 3 %,
// trash 2 %), dates over the last three years (future: the next 30 days).
// The same SEED gives the same posts. Prints the rate on the last line:
//
//   seeded N posts into LANG in S s: R posts/s
//
// It goes through wp_insert_post(), so the rows are the ones WordPress itself
// writes; what makes it fast is what WordPress's importers do: term and
// comment counts deferred to the end, cache invalidation suspended, and one
// database transaction per batch of posts.

if ($argc < 4 || !ctype_digit($argv[3])) {
    fwrite(STDERR, "usage: php wp-seed.php STATE_DIR LANG N [SEED]\n");
    exit(2);
}

require __DIR__ . '/wp-env.php';
newsdesk_wp_prepare($argv[1], $argv[2]);
define('WP_IMPORTING', true);

require ABSPATH . 'wp-load.php';

$newsdesk_lang = $argv[2];
$newsdesk_count = (int) $argv[3];
mt_srand(isset($argv[4]) ? (int) $argv[4] : 1);

$newsdesk_words = [
    'ru' => explode(' ', 'новости политика правительство министр заявил сообщил президент выборы регион граница переговоры '
        . 'экономика рынок рост цены бюджет реформа закон суд решение власти город область жители район '
        . 'конфликт безопасность армия войска оборона дипломаты соглашение санкции энергия газ нефть '
        . 'эксперты аналитики мнение интервью доклад исследование данные источник агентство пресс-служба '
        . 'Москва Кавказ Афганистан Кабул Грозный Дагестан Тбилиси Баку Ереван Душанбе Ташкент '
        . 'вчера сегодня неделю году месяц утром вечером впервые снова также однако поэтому кроме того '
        . 'важный новый главный местный международный региональный военный экономический гуманитарный '
        . 'встреча визит саммит делегация представители стороны партнёры союзники оппозиция парламент '
        . 'вопрос проблема ситуация развитие кризис помощь поддержка сотрудничество отношения процесс'),
    'ar' => explode(' ', 'أخبار سياسة الحكومة الوزير قال أعلن الرئيس الانتخابات المنطقة الحدود المفاوضات '
        . 'الاقتصاد السوق النمو الأسعار الميزانية الإصلاح القانون المحكمة القرار السلطات المدينة السكان '
        . 'النزاع الأمن الجيش القوات الدفاع الدبلوماسيون الاتفاق العقوبات الطاقة الغاز النفط '
        . 'الخبراء المحللون الرأي مقابلة تقرير دراسة البيانات مصدر الوكالة المكتب الإعلامي '
        . 'موسكو القوقاز أفغانستان كابول غروزني داغستان تبليسي باكو يريفان دوشنبه طشقند '
        . 'أمس اليوم الأسبوع العام الشهر صباحا مساء لأول مرة مجددا أيضا لكن لذلك إضافة إلى ذلك '
        . 'مهم جديد رئيسي محلي دولي إقليمي عسكري اقتصادي إنساني '
        . 'لقاء زيارة قمة وفد ممثلون الأطراف الشركاء الحلفاء المعارضة البرلمان '
        . 'مسألة مشكلة الوضع التطورات الأزمة المساعدة الدعم التعاون العلاقات العملية'),
    'en' => explode(' ', 'news politics government minister said announced president elections region border talks '
        . 'economy market growth prices budget reform law court decision authorities city residents district '
        . 'conflict security army troops defence diplomats agreement sanctions energy gas oil '
        . 'experts analysts opinion interview report study data source agency press office '
        . 'Moscow Caucasus Afghanistan Kabul Grozny Dagestan Tbilisi Baku Yerevan Dushanbe Tashkent '
        . 'yesterday today week year month morning evening first again also however therefore besides '
        . 'important new main local international regional military economic humanitarian '
        . 'meeting visit summit delegation representatives parties partners allies opposition parliament '
        . 'question problem situation development crisis aid support cooperation relations process'),
];
$newsdesk_sections = [
    'ru' => ['Новости', 'Россия', 'Кавказ', 'Мнения', 'Интервью', 'Эксперты'],
    'ar' => ['أخبار', 'روسيا', 'القوقاز', 'رأي', 'مقابلات', 'خبراء'],
    'en' => ['News', 'Russia', 'Caucasus', 'Opinion', 'Interviews', 'Experts'],
];
$newsdesk_key = isset($newsdesk_words[$newsdesk_lang]) ? $newsdesk_lang : 'en';
$newsdesk_vocabulary = $newsdesk_words[$newsdesk_key];
$newsdesk_stop = '.';

function newsdesk_sentence(array $vocabulary, int $min, int $max): array
{
    $n = mt_rand($min, $max);
    $words = [];
    for ($i = 0; $i < $n; $i++) {
        $words[] = $vocabulary[mt_rand(0, count($vocabulary) - 1)];
    }
    $first = mb_strtoupper(mb_substr($words[0], 0, 1)) . mb_substr($words[0], 1);
    $words[0] = $first;
    return $words;
}

function newsdesk_term_id(string $name, string $taxonomy): int
{
    $existing = term_exists($name, $taxonomy);
    if ($existing) {
        return (int) $existing['term_id'];
    }
    $created = wp_insert_term($name, $taxonomy);
    if (is_wp_error($created)) {
        fwrite(STDERR, "wp-seed.php: $taxonomy '$name': " . $created->get_error_message() . "\n");
        exit(1);
    }
    return (int) $created['term_id'];
}

$newsdesk_editor = get_user_by('login', 'editor');
if (!$newsdesk_editor) {
    fwrite(STDERR, "wp-seed.php: no user 'editor'\n");
    exit(1);
}
// As the administrator: the author of the posts, and no kses filtering.
wp_set_current_user($newsdesk_editor->ID);

$newsdesk_categories = [];
foreach ($newsdesk_sections[$newsdesk_key] as $newsdesk_name) {
    $newsdesk_categories[] = newsdesk_term_id($newsdesk_name, 'category');
}
$newsdesk_tags = [];
for ($i = 0; $i < 40; $i++) {
    $newsdesk_tags[] = newsdesk_term_id(
        implode(' ', newsdesk_sentence($newsdesk_vocabulary, 1, 2)) . ' ' . ($i + 1), 'post_tag');
}

wp_defer_term_counting(true);
wp_defer_comment_counting(true);
wp_suspend_cache_invalidation(true);
// No pings or enclosures to look up for imported posts.
remove_action('publish_post', '_publish_post_hook', 5);

global $wpdb;
$newsdesk_batch = 250;
$newsdesk_now = time();
$newsdesk_start = microtime(true);

for ($newsdesk_i = 0; $newsdesk_i < $newsdesk_count; $newsdesk_i++) {
    if ($newsdesk_i % $newsdesk_batch === 0) {
        if ($newsdesk_i > 0) {
            $wpdb->query('COMMIT');
            // The in-memory object cache only grows during a long run.
            wp_cache_flush();
        }
        $wpdb->query('START TRANSACTION');
    }

    $roll = mt_rand(1, 100);
    $status = $roll <= 85 ? 'publish' : ($roll <= 90 ? 'draft' : ($roll <= 93 ? 'pending'
        : ($roll <= 95 ? 'private' : ($roll <= 98 ? 'future' : 'trash'))));

    $paragraphs = [];
    $words = 0;
    $first_sentence = '';
    while ($words < 600) {
        $sentences = [];
        for ($s = mt_rand(3, 6); $s > 0; $s--) {
            $sentence = newsdesk_sentence($newsdesk_vocabulary, 8, 18);
            $words += count($sentence);
            $sentences[] = implode(' ', $sentence) . $newsdesk_stop;
        }
        if ($first_sentence === '') {
            $first_sentence = $sentences[0];
        }
        $paragraphs[] = '<p>' . implode(' ', $sentences) . '</p>';
    }

    $post = [
        'post_title' => implode(' ', newsdesk_sentence($newsdesk_vocabulary, 5, 10)),
        'post_content' => implode("\n\n", $paragraphs),
        'post_excerpt' => $first_sentence,
        'post_status' => $status,
        'post_author' => $newsdesk_editor->ID,
        'post_category' => [$newsdesk_categories[mt_rand(0, count($newsdesk_categories) - 1)]],
    ];
    // Drafts and pending posts keep WordPress's floating date; the others
    // were published (or are due) at some moment.
    if ($status === 'future') {
        $when = $newsdesk_now + mt_rand(2 * 3600, 30 * 86400);
    } elseif ($status !== 'draft' && $status !== 'pending') {
        $when = $newsdesk_now - mt_rand(3600, 3 * 365 * 86400);
    } else {
        $when = null;
    }
    if ($when !== null) {
        $post['post_date_gmt'] = gmdate('Y-m-d H:i:s', $when);
        $post['post_date'] = get_date_from_gmt($post['post_date_gmt']);
    }

    $id = wp_insert_post(wp_slash($post), true);
    if (is_wp_error($id)) {
        $wpdb->query('ROLLBACK');
        fwrite(STDERR, "wp-seed.php: post $newsdesk_i: " . $id->get_error_message() . "\n");
        exit(1);
    }
    $tags = [];
    for ($t = mt_rand(0, 4); $t > 0; $t--) {
        $tags[] = $newsdesk_tags[mt_rand(0, count($newsdesk_tags) - 1)];
    }
    if ($tags) {
        wp_set_object_terms($id, array_values(array_unique($tags)), 'post_tag');
    }
}
$wpdb->query('COMMIT');

wp_suspend_cache_invalidation(false);
wp_defer_term_counting(false);
wp_defer_comment_counting(false);
wp_cache_flush();

$newsdesk_seconds = microtime(true) - $newsdesk_start;
printf("seeded %d posts into %s in %.1f s: %.0f posts/s\n", $newsdesk_count, $newsdesk_lang,
       $newsdesk_seconds, $newsdesk_count / max($newsdesk_seconds, 0.001));
