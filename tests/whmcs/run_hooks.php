<?php
/**
 * Runs examples/hooks.php as WHMCS would: add_hook, logActivity and
 * WHMCS\Database\Capsule are stubbed, then each hook is called with the
 * $vars WHMCS passes (developers.whmcs.com, hooks reference: EmailPreSend gets
 * messagename, relid and mergefields; ClientAreaProductDetailsOutput gets the
 * service model; AfterModuleSuspend, AfterModuleUnsuspend and
 * AfterModuleTerminate get params, the common module parameters with
 * serviceid). Prints one JSON object: what each call returned, and the
 * activity log.
 *
 * Usage: php run_hooks.php HOOKS_FILE BINARY STORE
 */

namespace WHMCS\Database {
    /** The query builder the hook uses: tblemailtemplates name -> type. */
    class Capsule
    {
        public static function table(string $table): object
        {
            return new class ($table) {
                private $where = [];
                public function __construct(private string $table) {}
                public function where(string $column, $value): self
                {
                    $this->where[$column] = $value;
                    return $this;
                }
                public function value(string $column)
                {
                    $types = ['Hosting Account Welcome Email' => 'product', 'Invoice Created' => 'invoice'];
                    return $this->table === 'tblemailtemplates' && $column === 'type'
                        ? ($types[$this->where['name'] ?? ''] ?? null)
                        : null;
                }
            };
        }
    }
}

namespace WHMCS\Service {
    /** The part of WHMCS's service model the hook reads. */
    class Service
    {
        public function __construct(public int $id, public string $domainStatus = 'Active') {}
    }
}

namespace {
    define('WHMCS', true);
    [, $hooksFile, $binary, $store] = $argv;
    define('NETFLOW_MANAGER_BIN', $binary);
    define('NETFLOW_MANAGER_ENV', ['NETFLOW_MANAGER_DB' => $store]);

    $hooks = [];
    $log = [];
    function add_hook(string $name, int $priority, callable $callback): void
    {
        $GLOBALS['hooks'][$name][] = $callback;
    }
    function logActivity(string $message): void
    {
        $GLOBALS['log'][] = $message;
    }

    require $hooksFile;

    $email = fn (string $template, int $relid) => $hooks['EmailPreSend'][0]([
        'messagename' => $template,
        'relid' => $relid,
        'mergefields' => ['client_name' => 'Ada Lovelace'],
    ]);
    $page = fn (int $id, string $status = 'Active') => $hooks['ClientAreaProductDetailsOutput'][0]([
        'service' => new WHMCS\Service\Service($id, $status),
    ]);
    // The module parameters WHMCS passes (provisioning-modules/module-parameters).
    $module = fn (string $hook, int $id) => $hooks[$hook][0]([
        'params' => [
            'accountid' => $id, 'serviceid' => $id, 'userid' => 7, 'pid' => 5,
            'domain' => 'vps42.example.net', 'username' => 'root', 'password' => 'module-pw',
            'status' => 'Active', 'moduletype' => 'netflow_demo',
        ],
    ]);
    $result = [
        'email' => $email('Hosting Account Welcome Email', 42),
        'email_no_record' => $email('Hosting Account Welcome Email', 7),
        'email_other_template' => $email('Invoice Created', 42),
        'client_area' => $page(42),
        'client_area_suspended' => $page(42, 'Suspended'),
        'client_area_no_record' => $page(7),
    ];
    $module('AfterModuleSuspend', 42);
    $result['email_after_suspend'] = $email('Hosting Account Welcome Email', 42);
    $module('AfterModuleUnsuspend', 42);
    $result['email_after_unsuspend'] = $email('Hosting Account Welcome Email', 42);
    $module('AfterModuleSuspend', 7);
    $module('AfterModuleTerminate', 42);
    $result['log'] = $log;
    echo json_encode($result), "\n";
}
