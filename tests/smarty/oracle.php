<?php
/**
 * Real Smarty 4, configured as WHMCS renders mail, for the differential tests.
 *
 * Reads one JSON request per line on stdin and writes one JSON answer per line:
 *   {"template": "...", "vars": {...}, "html": false, "tz": "UTC"}
 *   -> {"ok": "output"} or {"error": "message"}
 * The security policy allows only the PHP-function modifiers WHMCS allows;
 * date_format runs in the zone "tz" names. Notices, warnings and deprecations
 * are not output (WHMCS does not print them into e-mails).
 */

$bootstrap = '/usr/share/php/smarty4/bootstrap.php';
if (!is_file($bootstrap)) {
    fwrite(STDERR, "Smarty 4 is not installed ($bootstrap)\n");
    exit(3);
}
require $bootstrap;

error_reporting(E_ALL);
set_error_handler(function () {
    return true;
});

$compileDir = sys_get_temp_dir() . '/netflow-manager-smarty-' . getmypid();
register_shutdown_function(function () use ($compileDir) {
    foreach (glob($compileDir . '/*') ?: [] as $file) {
        unlink($file);
    }
    @rmdir($compileDir);
});

/** One Smarty per output mode: escape_html is a compile-time setting. */
function smarty_for(bool $html, string $compileDir): Smarty
{
    static $engines = [];
    if (!isset($engines[$html])) {
        $smarty = new Smarty();
        $smarty->setCompileDir($compileDir . ($html ? '/html' : '/plain'));
        $smarty->escape_html = $html;
        $policy = new Smarty_Security($smarty);
        $policy->php_modifiers = ['escape', 'count', 'urlencode', 'ucfirst', 'date_format'];
        $smarty->enableSecurity($policy);
        $engines[$html] = $smarty;
    }
    return $engines[$html];
}

while (($line = fgets(STDIN)) !== false) {
    $request = json_decode($line, true);
    try {
        date_default_timezone_set($request['tz'] ?? 'UTC');
        $template = smarty_for((bool) ($request['html'] ?? false), $compileDir)
            ->createTemplate('string:' . $request['template']);
        foreach ($request['vars'] ?? [] as $name => $value) {
            $template->assign($name, $value);
        }
        $answer = ['ok' => $template->fetch()];
    } catch (Throwable $e) {
        $answer = ['error' => get_class($e) . ': ' . $e->getMessage()];
    }
    $json = json_encode($answer, JSON_INVALID_UTF8_SUBSTITUTE);
    echo $json, "\n";
    flush();
}
