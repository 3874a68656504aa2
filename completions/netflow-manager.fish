# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_netflow_manager_global_optspecs
    string join \n db= config= format= q/quiet y/yes no-input color= h/help V/version
end

function __fish_netflow_manager_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_netflow_manager_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_netflow_manager_using_subcommand
    set -l cmd (__fish_netflow_manager_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -s V -l version -d 'Print version'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "activate" -d 'Create or upgrade the store, create the encryption key, seed settings, mark the module active'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "deactivate" -d 'Mark the module inactive (never deletes data; activate restores everything)'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "status" -d 'One screen: module state, store, records, licence, add-on, key'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "settings" -d 'Module settings'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "roles" -d 'Which Unix groups may use the tool'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "access" -d 'Access records: one NetFlow login per billing service'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "licence" -d 'The module\'s commercial licence'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "license" -d 'The module\'s commercial licence'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "trial" -d 'The NetFlow add-on\'s 15-day trial'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "addon" -d 'The paid NetFlow add-on'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "subscription" -d 'The operator\'s subscription that add-on pricing derives from'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "billing" -d 'The next subscription invoice'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "email" -d 'Welcome-e-mail merge fields'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "client-area" -d 'The "Network Usage" section of the client area product page'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "doctor" -d 'Run every troubleshooting check and say how to fix what fails'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "audit" -d 'Who changed what and when'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "key" -d 'The encryption key'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "backup" -d 'Consistent copy of the store while it is in use'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "store" -d 'The whole store, moved between SQLite and MySQL/MariaDB'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "whmcs" -d 'Follow the WHMCS service lifecycle: one service from a hook, or every one from the API'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "nfa" -d 'NetFlow Analyzer IP groups made from the records\' group and address'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "completions" -d 'Shell completions on stdout'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "man" -d 'Write the man pages into a directory'
complete -c netflow-manager -n "__fish_netflow_manager_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand activate" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand activate" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand activate" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand activate" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand activate" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand activate" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand activate" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand activate" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand deactivate" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand deactivate" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand deactivate" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand deactivate" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand deactivate" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand deactivate" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand deactivate" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand deactivate" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand status" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand status" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand status" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand status" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand status" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand status" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand status" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -f -a "list" -d 'Every setting with its value and default'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -f -a "get" -d 'One setting\'s value'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -f -a "set" -d 'Change a setting; without VALUE it is read from stdin (keeps secrets out of argv)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -f -a "unset" -d 'Back to the default value'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and not __fish_seen_subcommand_from list get set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from list" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from list" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from list" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from get" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from get" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from get" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from get" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from get" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from get" -l reveal -d 'Print a secret value (licence_key) in full'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from set" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from set" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from set" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from set" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from unset" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from unset" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from unset" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from unset" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from unset" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from unset" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every setting with its value and default'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "get" -d 'One setting\'s value'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a setting; without VALUE it is read from stdin (keeps secrets out of argv)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Back to the default value'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -f -a "list" -d 'The Unix groups allowed to use the tool (empty: everyone who can read the store)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -f -a "allow" -d 'Allow a Unix group'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -f -a "deny" -d 'Remove a Unix group from the allowed list'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and not __fish_seen_subcommand_from list allow deny help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from list" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from list" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from list" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from allow" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from allow" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from allow" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from allow" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from allow" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from allow" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from allow" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from allow" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from deny" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from deny" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from deny" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from deny" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from deny" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from deny" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from deny" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from deny" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "list" -d 'The Unix groups allowed to use the tool (empty: everyone who can read the store)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "allow" -d 'Allow a Unix group'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "deny" -d 'Remove a Unix group from the allowed list'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand roles; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "add" -d 'New record for one service'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "edit" -d 'Change a record; interactive on a terminal when no field flag is given'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "list" -d 'Which record fields to print, in which order'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "show" -d 'Which record fields to print, in which order'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "exists" -d 'Exit 0 when the service has a record, 1 when not; prints nothing'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "enable" -d 'The services a bulk change applies to'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "disable" -d 'The services a bulk change applies to'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "remove" -d 'The services a bulk change applies to'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "import" -d 'Bulk import CSV or JSON, all or nothing'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "export" -d 'Which record fields to print, in which order'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and not __fish_seen_subcommand_from add edit list show exists enable disable remove import export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l service -d 'Billing service ID' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l client -d 'Billing client ID' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l username -d 'NetFlow Analyzer username' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l url -d 'NetFlow Analyzer URL (empty: the default_url setting)' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l group -d 'NetFlow IP group or device group' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l ip -d 'IP address, CIDR network or a-b range' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l notes -d 'Internal admin notes' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read the password from the first line of stdin'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l generate-password -d 'Generate a random password and print it once'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l disabled -d 'Create or set the record disabled'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l enabled -d 'Set the record enabled'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -l if-not-exists -d 'Succeed without change when the service already has a record'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l client -d 'Billing client ID' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l username -d 'NetFlow Analyzer username' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l url -d 'NetFlow Analyzer URL (empty: the default_url setting)' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l group -d 'NetFlow IP group or device group' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l ip -d 'IP address, CIDR network or a-b range' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l notes -d 'Internal admin notes' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l password-stdin -d 'Read the password from the first line of stdin'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l generate-password -d 'Generate a random password and print it once'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l disabled -d 'Create or set the record disabled'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l enabled -d 'Set the record enabled'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -l clear-password -d 'Remove the stored password'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l client -d 'Only this client\'s records' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l username -d 'Only this username' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l search -d 'Text search in username, group, IP address, URL and notes' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l fields -d 'Comma list of record fields to print, in that order (every format)' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l enabled -d 'Only enabled records'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -l disabled -d 'Only disabled records'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -l fields -d 'Comma list of record fields to print, in that order (every format)' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -l reveal-password -d 'Print the decrypted password (audited)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from exists" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from exists" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from exists" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from exists" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from exists" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from exists" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from exists" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from enable" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from enable" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from enable" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from enable" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from enable" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from enable" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from enable" -l if-exists -d 'Skip the IDs that have no record instead of failing (exit 66)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from disable" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from disable" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from disable" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from disable" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from disable" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from disable" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from disable" -l if-exists -d 'Skip the IDs that have no record instead of failing (exit 66)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from remove" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from remove" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from remove" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from remove" -l if-exists -d 'Skip the IDs that have no record instead of failing (exit 66)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -l input-format -d 'Input format [default: from the extension, else csv]' -r -f -a "csv\t''
json\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -l delimiter -d 'CSV delimiter: one character, or "tab" [default: comma, semicolon or tab, whichever the header line uses]' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -l on-conflict -d 'What to do with a service that already has a record' -r -f -a "fail\t''
skip\t''
update\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -l dry-run -d 'Validate and report only'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -l fields -d 'Comma list of record fields to print, in that order (every format)' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -l include-passwords -d 'Include decrypted passwords (audited)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "add" -d 'New record for one service'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a record; interactive on a terminal when no field flag is given'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "list" -d 'Table of records'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "show" -d 'One record'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the service has a record, 1 when not; prints nothing'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable records, all or none'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable records, all or none'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete records, all or none (asks on a terminal unless --yes)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "import" -d 'Bulk import CSV or JSON, all or nothing'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "export" -d 'CSV (default) or JSON of every record'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -f -a "check" -d 'Verify the licence with the licensing server (local key cache and grace apply)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -f -a "status" -d 'What the local key says, without network'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and not __fish_seen_subcommand_from check status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from check" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from check" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from check" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from check" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from check" -l force -d 'Ask the server even when the local key is fresh'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from status" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from status" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from status" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from help" -f -a "check" -d 'Verify the licence with the licensing server (local key cache and grace apply)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from help" -f -a "status" -d 'What the local key says, without network'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand licence; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -f -a "check" -d 'Verify the licence with the licensing server (local key cache and grace apply)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -f -a "status" -d 'What the local key says, without network'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and not __fish_seen_subcommand_from check status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from check" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from check" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from check" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from check" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from check" -l force -d 'Ask the server even when the local key is fresh'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from status" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from status" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from status" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "check" -d 'Verify the licence with the licensing server (local key cache and grace apply)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "status" -d 'What the local key says, without network'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand license; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -f -a "start" -d 'Start the 15-day trial (once per account)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -f -a "status" -d 'Trial state'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -f -a "cancel" -d 'Stop the trial at once'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and not __fish_seen_subcommand_from start status cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from start" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from start" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from start" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from start" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from start" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from start" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from status" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from status" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from status" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from cancel" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from cancel" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from cancel" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from cancel" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from cancel" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from cancel" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the 15-day trial (once per account)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from help" -f -a "status" -d 'Trial state'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Stop the trial at once'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand trial; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -f -a "activate" -d 'Activate the paid add-on (charged on the next subscription invoice)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -f -a "cancel" -d 'Cancel: collection stops at the end of the paid period'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -f -a "renewal" -d 'Turn renewal on or off'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -f -a "status" -d 'Add-on state, dates and events'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and not __fish_seen_subcommand_from activate cancel renewal status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from activate" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from activate" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from activate" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from activate" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from activate" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from activate" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from activate" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from activate" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from cancel" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from cancel" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from cancel" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from cancel" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from cancel" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from cancel" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from renewal" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from renewal" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from renewal" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from renewal" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from renewal" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from renewal" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from renewal" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from renewal" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from status" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from status" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from status" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from status" -l check -d 'Exit 0 only while flow collection is allowed, 1 otherwise'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "activate" -d 'Activate the paid add-on (charged on the next subscription invoice)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel: collection stops at the end of the paid period'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "renewal" -d 'Turn renewal on or off'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "status" -d 'Add-on state, dates and events'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -f -a "set" -d 'Set the subscription tier, fee and customer count'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -f -a "show" -d 'The current subscription'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and not __fish_seen_subcommand_from set show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l tier -r -f -a "starter\t''
mid\t''
large\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l fee -d 'Monthly fee, e.g. 199.00' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l currency -d 'ISO 4217 code, e.g. EUR' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l customers -d 'Number of customers' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l period-start -d 'First day of the monthly billing periods (YYYY-MM-DD) [default: today, or the current one]' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from show" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from show" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from show" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from show" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set the subscription tier, fee and customer count'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from help" -f -a "show" -d 'The current subscription'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand subscription; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -f -a "preview" -d 'The next subscription invoice\'s line items'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and not __fish_seen_subcommand_from preview help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from preview" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from preview" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from preview" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from preview" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from preview" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from preview" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from preview" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from preview" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from help" -f -a "preview" -d 'The next subscription invoice\'s line items'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand billing; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -f -a "render" -d 'Render a welcome-e-mail template for one service'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -f -a "fields" -d 'The merge fields for one service as one JSON object'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -f -a "lint" -d 'Syntax errors and unknown merge fields of a template'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and not __fish_seen_subcommand_from render fields lint help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l service -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l template -d 'Smarty (default) or Handlebars (.hbs) template [default: the NetFlow block]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l syntax -d 'Template syntax [default: from the extension]' -r -f -a "smarty\t''
handlebars\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l var -d 'Another template variable, e.g. --var client_name=Jane (repeatable; the netflow_* fields cannot be overridden)' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l strict -d 'Undefined variables are an error'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -l html -d 'HTML-escape every value'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from fields" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from fields" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from fields" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from fields" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from fields" -l service -d 'Billing service ID' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from fields" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from fields" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from fields" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from fields" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from lint" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from lint" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from lint" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from lint" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from lint" -l syntax -r -f -a "smarty\t''
handlebars\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from lint" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from lint" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from help" -f -a "render" -d 'Render a welcome-e-mail template for one service'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from help" -f -a "fields" -d 'The merge fields for one service as one JSON object'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Syntax errors and unknown merge fields of a template'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand email; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -l html -d 'HTML fragment instead of text'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -l explain -d 'Say on stderr why nothing is shown'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand client-area" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -l service -d 'Also check this service\'s record' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -l template -d 'Also check this welcome-e-mail template' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -l report -d 'Print a redacted support report'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'The audit log, newest first'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -l limit -d 'At most this many entries' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -l action -d 'Only entries whose action starts with this, e.g. access or settings.set' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "list" -d 'The audit log, newest first'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -f -a "rotate" -d 'New encryption key, every password re-encrypted, crash-safe'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and not __fish_seen_subcommand_from rotate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from rotate" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from rotate" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from rotate" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from rotate" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from rotate" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from rotate" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'New encryption key, every password re-encrypted, crash-safe'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand backup" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand backup" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand backup" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand backup" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand backup" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand backup" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand backup" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand backup" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -f -a "copy" -d 'Copy every record, setting, state, audit entry and add-on event into an empty MySQL/MariaDB database or a new SQLite file'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and not __fish_seen_subcommand_from copy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from copy" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from copy" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from copy" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from copy" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from copy" -l to -d 'The destination: mysql://USER@HOST[:PORT]/DATABASE (password from store.password_file or NETFLOW_MANAGER_DB_PASSWORD), or a path that does not exist yet' -r
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from copy" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from copy" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy every record, setting, state, audit entry and add-on event into an empty MySQL/MariaDB database or a new SQLite file'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -f -a "apply" -d 'Apply a service\'s WHMCS status to its record, without any network (what a hook calls)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -f -a "sync" -d 'Read every service from the WHMCS API ([whmcs] in the config) and apply its status to its record, in one transaction once every page is read; report orphans, client mismatches and services without a record'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and not __fish_seen_subcommand_from apply sync help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from apply" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from apply" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from apply" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from apply" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from apply" -l status -d 'The service\'s status in WHMCS: Active enables a record WHMCS disabled; Suspended, Terminated, Cancelled and Fraud disable an enabled one; Pending and Completed change nothing. A record an admin disabled stays disabled' -r -f -a "Pending\t''
Active\t''
Completed\t''
Suspended\t''
Terminated\t''
Cancelled\t''
Fraud\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from apply" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from apply" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -l dry-run -d 'Report what would change, change nothing'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -l check -d 'Exit 1 when anything changed (or would, with --dry-run) or is reported'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Apply a service\'s WHMCS status to its record, without any network (what a hook calls)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Read every service from the WHMCS API ([whmcs] in the config) and apply its status to its record, in one transaction once every page is read; report orphans, client mismatches and services without a record'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand whmcs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -f -a "push" -d 'Bring NetFlow Analyzer\'s IP groups ([netflow_analyzer] in the config) to the records'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -f -a "status" -d 'The plan push would carry out, sending nothing; exit 1 when it would add or modify a group'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and not __fish_seen_subcommand_from push status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -l dry-run -d 'Print the plan, send nothing'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -l prune -d 'Also delete the groups this tool created that no enabled record names any more (never a group it did not create)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from status" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from status" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from status" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from status" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from status" -l prune -d 'Show the deletions push --prune would make'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from help" -f -a "push" -d 'Bring NetFlow Analyzer\'s IP groups ([netflow_analyzer] in the config) to the records'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from help" -f -a "status" -d 'The plan push would carry out, sending nothing; exit 1 when it would add or modify a group'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand nfa; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand completions" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand completions" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand completions" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand completions" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand completions" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand completions" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand man" -l db -d 'The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE [default: $XDG_DATA_HOME/netflow-manager/netflow.db]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand man" -l config -d 'The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]' -r -F
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand man" -l format -d 'Output format: a table for people, json or csv for scripts' -r -f -a "table\t''
json\t''
csv\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand man" -l color -d 'When to use colours (NO_COLOR is honoured by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand man" -s q -l quiet -d 'Print only data and errors'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand man" -s y -l yes -d 'Answer yes to confirmations'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand man" -l no-input -d 'Never prompt (implied when stdin is not a terminal)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand man" -s h -l help -d 'Print help'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "activate" -d 'Create or upgrade the store, create the encryption key, seed settings, mark the module active'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "deactivate" -d 'Mark the module inactive (never deletes data; activate restores everything)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "status" -d 'One screen: module state, store, records, licence, add-on, key'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "settings" -d 'Module settings'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "roles" -d 'Which Unix groups may use the tool'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "access" -d 'Access records: one NetFlow login per billing service'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "licence" -d 'The module\'s commercial licence'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "trial" -d 'The NetFlow add-on\'s 15-day trial'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "addon" -d 'The paid NetFlow add-on'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "subscription" -d 'The operator\'s subscription that add-on pricing derives from'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "billing" -d 'The next subscription invoice'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "email" -d 'Welcome-e-mail merge fields'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "client-area" -d 'The "Network Usage" section of the client area product page'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "doctor" -d 'Run every troubleshooting check and say how to fix what fails'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "audit" -d 'Who changed what and when'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "key" -d 'The encryption key'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "backup" -d 'Consistent copy of the store while it is in use'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "store" -d 'The whole store, moved between SQLite and MySQL/MariaDB'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "whmcs" -d 'Follow the WHMCS service lifecycle: one service from a hook, or every one from the API'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "nfa" -d 'NetFlow Analyzer IP groups made from the records\' group and address'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "completions" -d 'Shell completions on stdout'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "man" -d 'Write the man pages into a directory'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and not __fish_seen_subcommand_from activate deactivate status settings roles access licence trial addon subscription billing email client-area doctor audit key backup store whmcs nfa completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "list" -d 'Every setting with its value and default'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "get" -d 'One setting\'s value'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "set" -d 'Change a setting; without VALUE it is read from stdin (keeps secrets out of argv)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "unset" -d 'Back to the default value'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from roles" -f -a "list" -d 'The Unix groups allowed to use the tool (empty: everyone who can read the store)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from roles" -f -a "allow" -d 'Allow a Unix group'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from roles" -f -a "deny" -d 'Remove a Unix group from the allowed list'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "add" -d 'New record for one service'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "edit" -d 'Change a record; interactive on a terminal when no field flag is given'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "list" -d 'Table of records'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "show" -d 'One record'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "exists" -d 'Exit 0 when the service has a record, 1 when not; prints nothing'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "enable" -d 'Enable records, all or none'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "disable" -d 'Disable records, all or none'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "remove" -d 'Delete records, all or none (asks on a terminal unless --yes)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "import" -d 'Bulk import CSV or JSON, all or nothing'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "export" -d 'CSV (default) or JSON of every record'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from licence" -f -a "check" -d 'Verify the licence with the licensing server (local key cache and grace apply)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from licence" -f -a "status" -d 'What the local key says, without network'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from trial" -f -a "start" -d 'Start the 15-day trial (once per account)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from trial" -f -a "status" -d 'Trial state'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from trial" -f -a "cancel" -d 'Stop the trial at once'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from addon" -f -a "activate" -d 'Activate the paid add-on (charged on the next subscription invoice)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from addon" -f -a "cancel" -d 'Cancel: collection stops at the end of the paid period'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from addon" -f -a "renewal" -d 'Turn renewal on or off'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from addon" -f -a "status" -d 'Add-on state, dates and events'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from subscription" -f -a "set" -d 'Set the subscription tier, fee and customer count'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from subscription" -f -a "show" -d 'The current subscription'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from billing" -f -a "preview" -d 'The next subscription invoice\'s line items'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from email" -f -a "render" -d 'Render a welcome-e-mail template for one service'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from email" -f -a "fields" -d 'The merge fields for one service as one JSON object'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from email" -f -a "lint" -d 'Syntax errors and unknown merge fields of a template'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "list" -d 'The audit log, newest first'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "rotate" -d 'New encryption key, every password re-encrypted, crash-safe'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "copy" -d 'Copy every record, setting, state, audit entry and add-on event into an empty MySQL/MariaDB database or a new SQLite file'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from whmcs" -f -a "apply" -d 'Apply a service\'s WHMCS status to its record, without any network (what a hook calls)'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from whmcs" -f -a "sync" -d 'Read every service from the WHMCS API ([whmcs] in the config) and apply its status to its record, in one transaction once every page is read; report orphans, client mismatches and services without a record'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from nfa" -f -a "push" -d 'Bring NetFlow Analyzer\'s IP groups ([netflow_analyzer] in the config) to the records'
complete -c netflow-manager -n "__fish_netflow_manager_using_subcommand help; and __fish_seen_subcommand_from nfa" -f -a "status" -d 'The plan push would carry out, sending nothing; exit 1 when it would add or modify a group'
