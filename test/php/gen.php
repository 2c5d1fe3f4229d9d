<?php
// Random PHP values and what PHP itself prints for them: the oracle for the PHP-dump tests
// (test/php/oracle.test.ts). Deterministic for a seed (mt_srand), so the plain run and the xdebug
// run produce the same values.
//
//   php -n gen.php SEED COUNT plain
//       one JSON object per line: {"i", "tree", "print_r", "var_dump", "var_export"}
//   php -n -d zend_extension=xdebug.so -d xdebug.mode=develop \
//       -d xdebug.var_display_max_depth=-1 -d xdebug.var_display_max_children=-1 \
//       -d xdebug.var_display_max_data=-1 gen.php SEED COUNT xdebug
//       one JSON object per line: {"i", "tree", "xdebug_text", "xdebug_html"} (the HTML as xdebug
//       prints it with html_errors on; the test strips the tags and decodes the entities as a
//       browser copy would)
//
// "tree" is the canonical description of the value, walked from the value itself:
//   {"t":"array","e":[{"k":"key","v":NODE}, …]}
//   {"t":"object","class":"App\\Models\\Post","e":[{"k":"name","vis":"public|protected|private","decl":"Declaring\\Class","v":NODE}, …]}
//   {"t":"string","v":"exact bytes"}  {"t":"int","v":"42"}  {"t":"bool","v":true}  {"t":"null"}
//   {"t":"float","pr":"print_r text","vd":"var_dump text","ve":"var_export text"} (plain run)
//   {"t":"float","xdt":"xdebug text","xdh":"xdebug HTML text"}                      (xdebug run)
//   {"t":"recursion","of":"array|object"} where the value contains itself (the printers stop there)
// Keys are strings ("5" for an int key); "vis" is left out for array entries.

namespace App\Models {
    class Base
    {
        public $id;
        protected $title;
        private $secret;
    }

    class Post extends Base
    {
        private $secret; // shadows Base::$secret: both are printed, each with its declaring class
        public $tags;
        protected $meta;
    }
}

namespace {
    class Tin
    {
        public $tieu_de;
        protected $noi_dung;
        private $ngay;
    }

    class TinNong extends Tin
    {
        public $hot;
        private $ngay;
    }

    #[\AllowDynamicProperties]
    class Node
    {
        public $name;
        public $child;
        protected $tags;
    }

    $argv = $_SERVER['argv'];
    $seed = (int)($argv[1] ?? 1);
    $count = (int)($argv[2] ?? 10);
    $mode = $argv[3] ?? 'plain';
    mt_srand($seed);
    set_error_handler(static fn () => true); // var_export warns on recursion (and prints NULL there)

    const WORDS = [
        'Việt Nam', 'tin', 'mới', 'Hà Nội', 'chiều nay', 'Thủ tướng', 'đồng', '2022-01-17', '16:21:54',
        'x.jpg', 'a', 'b', '0', '1', '-', '.', ',', ':', '“Ai”', 'quần áo', 'Đà Nẵng', 'UBND', 'TP.HCM',
        'Nguyễn Văn A', 'giá 18zł', 'tăng 21%', 'https://vnexpress.net/a-b-c.html', 'Ông', 'bà', 'cụ',
    ];
    const SPECIAL = [
        '=>', '[x]', '[0]', '(a)', '(', ')', '[', ']', '{', '}', '"', "'", '\\', 'Array', 'Object', 'NULL',
        'array (', 'stdClass', '*', '&amp;', '<b>', 'string(3)', '#1', 'int(5)', '(Thủ đô)', '[1] Theo',
        '’', '…', ';', ' => x',
    ];
    const KEYS = [
        'id', 'title', 'news_title', 'tiêu đề', 'key with spaces', 'a[0]', '[x]', '(k)', 'k]v', 'Hà Nội', '',
        'x:y', '0x1', '1.5', ' lead', 'trail ', "q'uote", 'dq"uote', 'a=>b', 'TieuDe', 'NoiDung', 'AnHien',
        'created_at', 'ngày đăng', '-', '007',
    ];

    function chance(int $percent): bool
    {
        return mt_rand(1, 100) <= $percent;
    }

    function pick(array $a)
    {
        return $a[mt_rand(0, count($a) - 1)];
    }

    function randString(): string
    {
        $r = mt_rand(1, 100);
        if ($r <= 8) return '';
        if ($r <= 18) return pick(['123', '-5', '1.5', '007', '1e3', '0', ' 42 ', '3.0']);
        $n = mt_rand(1, 8);
        $s = '';
        for ($i = 0; $i < $n; $i++) {
            if ($i > 0) {
                $q = mt_rand(1, 100);
                $s .= $q <= 78 ? ' ' : ($q <= 88 ? "\n" : ($q <= 93 ? "\n\n" : ($q <= 96 ? "\n    " : '')));
            }
            $s .= chance(25) ? pick(SPECIAL) : pick(WORDS);
        }
        if (chance(3)) $s = ' ' . $s;
        if (chance(3)) $s .= ' ';
        // Rarely, a line that looks like a print_r entry or closer: print_r can't tell it from one.
        if (chance(2)) $s .= pick(["\n    [x] => y", "\n)", "\n        [0] => Array"]);
        return $s;
    }

    function randFloat(): float
    {
        return pick([1.5, -0.25, 0.1 + 0.2, 1e20, 1.0E-10, -0.0, 100.0, 3.0, 2.5e-5, 1e100, 123456.789, INF, -INF, NAN, 0.0]);
    }

    function randScalar()
    {
        $r = mt_rand(1, 100);
        if ($r <= 45) return randString();
        if ($r <= 65) return pick([0, -1, 42, 263820, PHP_INT_MAX, PHP_INT_MIN, mt_rand(-100000, 100000)]);
        if ($r <= 77) return randFloat();
        if ($r <= 89) return chance(50);
        return null;
    }

    function randKey(bool $allowInt)
    {
        if ($allowInt && chance(30)) return pick([0, 1, 5, -3, 100, 2147483648]);
        return pick(KEYS);
    }

    function randValue(int $depth)
    {
        if ($depth >= 4 || chance(45 - 5 * $depth)) return randScalar();
        return randContainer($depth);
    }

    function randContainer(int $depth)
    {
        $r = mt_rand(1, 100);
        $n = mt_rand(0, 5);
        if ($r <= 30) { // list
            $a = [];
            for ($i = 0; $i < $n; $i++) $a[] = randValue($depth + 1);
            return $a;
        }
        if ($r <= 55) { // keyed array
            $a = [];
            for ($i = 0; $i < $n; $i++) $a[randKey(true)] = randValue($depth + 1);
            return $a;
        }
        if ($r <= 68) { // stdClass
            $o = new stdClass();
            for ($i = 0; $i < $n; $i++) $o->{randKey(false)} = randValue($depth + 1);
            return $o;
        }
        // a declared class, with inheritance: private properties show their declaring class
        $cls = pick(['App\\Models\\Base', 'App\\Models\\Post', 'Tin', 'TinNong', 'Node']);
        $o = new $cls();
        $props = [];
        for ($c = new ReflectionClass($cls); $c; $c = $c->getParentClass()) {
            foreach ($c->getProperties() as $p) {
                if ($p->getDeclaringClass()->getName() === $c->getName()) $props[] = $p;
            }
        }
        foreach ($props as $p) {
            if (chance(70)) $p->setValue($o, randValue($depth + 1));
        }
        if ($cls === 'Node' && chance(30)) $o->{'extra'} = randScalar();
        return $o;
    }

    /** A root container, sometimes holding itself (an object cycle, or an array reference cycle). */
    function randRoot()
    {
        $v = randContainer(0);
        $r = mt_rand(1, 100);
        if ($r <= 8) {
            $n = new Node();
            $n->name = randString();
            $n->child = $n;
            if (is_array($v)) $v['node'] = $n; else $v->{'node'} = $n;
        } elseif ($r <= 14) {
            $x = ['a' => randScalar()];
            $x['me'] = &$x;
            $w = ['loop' => &$x, 'after' => randScalar()];
            unset($x);
            $v = $w;
        }
        return $v;
    }

    function floatNode(float $f, string $mode): array
    {
        if ($mode === 'plain') {
            ob_start();
            var_dump($f);
            $vd = trim(ob_get_clean());
            return ['t' => 'float', 'pr' => print_r($f, true), 'vd' => substr($vd, 6, -1), 've' => var_export($f, true)];
        }
        ini_set('html_errors', '0');
        ob_start();
        var_dump($f);
        $t = ob_get_clean();
        ini_set('html_errors', '1');
        ob_start();
        var_dump($f);
        $h = ob_get_clean();
        ini_set('html_errors', '0');
        preg_match('/double\((.*)\)\s*$/', $t, $mt);
        $h = html_entity_decode(strip_tags($h), ENT_QUOTES | ENT_HTML5, 'UTF-8');
        preg_match('/float (\S+)\s*$/', $h, $mh);
        return ['t' => 'float', 'xdt' => $mt[1] ?? '?', 'xdh' => $mh[1] ?? '?'];
    }

    function canon($v, string $mode, array &$objs, array &$refs): array
    {
        if (is_array($v)) {
            $e = [];
            foreach ($v as $k => $_) {
                $ref = ReflectionReference::fromArrayElement($v, $k);
                $id = $ref ? $ref->getId() : null;
                if ($id !== null && in_array($id, $refs, true)) {
                    $e[] = ['k' => (string)$k, 'v' => ['t' => 'recursion', 'of' => 'array']];
                    continue;
                }
                if ($id !== null) $refs[] = $id;
                $e[] = ['k' => (string)$k, 'v' => canon($v[$k], $mode, $objs, $refs)];
                if ($id !== null) array_pop($refs);
            }
            return ['t' => 'array', 'e' => $e];
        }
        if (is_object($v)) {
            $oid = spl_object_id($v);
            if (in_array($oid, $objs, true)) return ['t' => 'recursion', 'of' => 'object', 'class' => get_class($v)];
            $objs[] = $oid;
            $e = [];
            foreach ((array)$v as $mk => $pv) {
                $mk = (string)$mk;
                if (strlen($mk) > 0 && $mk[0] === "\0") {
                    $parts = explode("\0", $mk, 3);
                    $entry = $parts[1] === '*'
                        ? ['k' => $parts[2], 'vis' => 'protected']
                        : ['k' => $parts[2], 'vis' => 'private', 'decl' => $parts[1]];
                } else {
                    $entry = ['k' => $mk, 'vis' => 'public'];
                }
                $entry['v'] = canon($pv, $mode, $objs, $refs);
                $e[] = $entry;
            }
            array_pop($objs);
            return ['t' => 'object', 'class' => get_class($v), 'e' => $e];
        }
        if (is_string($v)) return ['t' => 'string', 'v' => $v];
        if (is_int($v)) return ['t' => 'int', 'v' => (string)$v];
        if (is_float($v)) return floatNode($v, $mode);
        if (is_bool($v)) return ['t' => 'bool', 'v' => $v];
        return ['t' => 'null'];
    }

    function capture(callable $f): string
    {
        ob_start();
        $f();
        return ob_get_clean();
    }

    $flags = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR;
    if ($mode === 'xdebug' && !extension_loaded('xdebug')) {
        fwrite(STDERR, "gen.php: the xdebug extension is not loaded\n");
        exit(2);
    }
    for ($i = 0; $i < $count; $i++) {
        $v = randRoot();
        $objs = [];
        $refs = [];
        $out = ['i' => $i, 'tree' => canon($v, $mode, $objs, $refs)];
        if ($mode === 'plain') {
            $out['print_r'] = print_r($v, true);
            $out['var_dump'] = capture(static function () use ($v) { var_dump($v); });
            $out['var_export'] = var_export($v, true);
        } else {
            ini_set('html_errors', '0');
            $out['xdebug_text'] = capture(static function () use ($v) { var_dump($v); });
            ini_set('html_errors', '1');
            $out['xdebug_html'] = capture(static function () use ($v) { var_dump($v); });
            ini_set('html_errors', '0');
        }
        echo json_encode($out, $flags), "\n";
    }
}
