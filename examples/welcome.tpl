Dear {$client_name|default:"customer"},

your server is ready.
{if $netflow_enabled}

NetFlow Analyzer Access
URL: {$netflow_url}
Username: {$netflow_username}
Password: {$netflow_password}
Group/IP: {$netflow_group} {$netflow_ip_address}
{/if}

Regards,
The hosting team
