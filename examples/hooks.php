<?php
/**
 * WHMCS hooks for netflow-manager: the NetFlow merge fields for product
 * e-mails (the {$netflow_*} variables of examples/welcome.tpl), the
 * "Network Usage" section of the client area's product details page, and the
 * service lifecycle (suspend, unsuspend, terminate) applied to the records.
 *
 * Install: copy this file to <whmcs>/includes/hooks/netflow_manager.php and
 * set the three constants below. PHP 7.4 or later.
 *
 * - The user PHP runs as (and the WHMCS cron's user, which sends most
 *   e-mails) must be able to read the store and its key file: run the tool as
 *   that user, or give both to a group with "netflow-manager roles allow".
 * - The tool gets the service ID, and nothing else, as its own argument: no
 *   shell parses it, and no secret ever goes on a command line. Passwords stay
 *   encrypted in the store until "email fields" hands one to the e-mail.
 * - When the tool fails, or takes longer than NETFLOW_MANAGER_TIMEOUT, the
 *   hook adds nothing (the e-mail and the page go out without the NetFlow
 *   block) and writes the tool's one-line error to the activity log.
 * - A service without an enabled access record is the normal case: the tool
 *   exits 0 with netflow_enabled false, or prints no fragment.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

use WHMCS\Database\Capsule;

/** The netflow-manager binary (define it earlier, e.g. in configuration.php, to override). */
if (!defined('NETFLOW_MANAGER_BIN')) {
    define('NETFLOW_MANAGER_BIN', '/usr/local/bin/netflow-manager');
}

/**
 * Added to the web server's environment for the tool: the store, unless it is
 * in this user's ~/.local/share/netflow-manager/, or a config file naming it.
 */
if (!defined('NETFLOW_MANAGER_ENV')) {
    define('NETFLOW_MANAGER_ENV', [
        'NETFLOW_MANAGER_DB' => '/var/lib/netflow-manager/netflow.db',
        // 'NETFLOW_MANAGER_CONFIG' => '/etc/netflow-manager/config.toml',
    ]);
}

/** Seconds to wait for the tool before going on without it. */
const NETFLOW_MANAGER_TIMEOUT = 10;

/**
 * Runs netflow-manager with $args, without a shell, and returns what it printed
 * on stdout; null when it could not run, failed or timed out.
 */
function netflow_manager_run(array $args): ?string
{
    $pipes = [];
    $process = proc_open(
        array_merge([NETFLOW_MANAGER_BIN], $args),
        [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']],
        $pipes,
        null,
        array_merge(getenv(), NETFLOW_MANAGER_ENV)
    );
    if (!is_resource($process)) {
        logActivity('netflow-manager: cannot run ' . NETFLOW_MANAGER_BIN);
        return null;
    }
    $output = ['', ''];
    $open = [$pipes[1], $pipes[2]];
    $deadline = microtime(true) + NETFLOW_MANAGER_TIMEOUT;
    while ($open) {
        $left = $deadline - microtime(true);
        if ($left <= 0) {
            proc_terminate($process, 9);
            break;
        }
        $ready = $open;
        $none = null;
        if (stream_select($ready, $none, $none, (int) $left, (int) (fmod($left, 1) * 1e6)) === false) {
            proc_terminate($process, 9);
            break;
        }
        foreach ($ready as $pipe) {
            $chunk = fread($pipe, 65536);
            if ($chunk !== false) {
                $output[$pipe === $pipes[1] ? 0 : 1] .= $chunk;
            }
            if ($chunk === false || feof($pipe)) {
                unset($open[array_search($pipe, $open, true)]);
            }
        }
    }
    fclose($pipes[1]);
    fclose($pipes[2]);
    $code = proc_close($process);
    if ($open || $code !== 0) {
        $why = $open
            ? 'no answer within ' . NETFLOW_MANAGER_TIMEOUT . ' s'
            : 'exit ' . $code . ': ' . trim($output[1]);
        logActivity('netflow-manager ' . implode(' ', $args) . ' failed (' . $why . ')');
        return null;
    }
    return $output[0];
}

/**
 * Product e-mails: the netflow_* merge fields of the service the e-mail is
 * about (its relid). Other e-mails are left alone.
 */
add_hook('EmailPreSend', 1, function (array $vars) {
    $serviceId = (int) ($vars['relid'] ?? 0);
    if ($serviceId <= 0) {
        return [];
    }
    try {
        $type = Capsule::table('tblemailtemplates')
            ->where('name', (string) ($vars['messagename'] ?? ''))
            ->value('type');
    } catch (\Throwable $e) {
        return [];
    }
    if ($type !== 'product') {
        return [];
    }
    $json = netflow_manager_run(['email', 'fields', '--service', (string) $serviceId]);
    $fields = $json === null ? null : json_decode($json, true);
    if (!is_array($fields)) {
        return [];
    }
    // Only the tool's own fields: never replace one of WHMCS's.
    return array_filter(
        $fields,
        function ($name) {
            return is_string($name) && strpos($name, 'netflow_') === 0;
        },
        ARRAY_FILTER_USE_KEY
    );
});

/**
 * The product details page: the "Network Usage" HTML fragment, or nothing
 * when the service has no enabled record or the client area display is off.
 */
add_hook('ClientAreaProductDetailsOutput', 1, function (array $vars) {
    $service = $vars['service'] ?? null;
    $serviceId = is_object($service) ? (int) $service->id : 0;
    // WHMCS's service model (tblhosting) has the status as domainStatus.
    $status = is_object($service) ? (string) ($service->domainStatus ?? '') : '';
    if ($serviceId <= 0 || $status !== 'Active') {
        return '';
    }
    return netflow_manager_run(['client-area', (string) $serviceId, '--html']) ?? '';
});

/**
 * The service lifecycle: a suspended, terminated or cancelled service stops
 * showing NetFlow access, an unsuspended one shows it again (a record an admin
 * disabled stays disabled). These module hooks carry the module parameters,
 * not a status, so the hook names it; WHMCS runs the terminate action for a
 * cancellation. A status changed by hand in the admin area fires no module
 * hook: the nightly "netflow-manager whmcs sync" catches it.
 */
foreach ([
    'AfterModuleSuspend' => 'Suspended',
    'AfterModuleUnsuspend' => 'Active',
    'AfterModuleTerminate' => 'Terminated',
] as $hook => $status) {
    add_hook($hook, 1, function (array $vars) use ($status) {
        $params = $vars['params'] ?? [];
        $serviceId = (int) ($params['serviceid'] ?? $params['accountid'] ?? 0);
        if ($serviceId > 0) {
            netflow_manager_run(['whmcs', 'apply', (string) $serviceId, '--status', $status]);
        }
    });
}
