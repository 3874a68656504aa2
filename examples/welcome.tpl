{* A product welcome e-mail for WHMCS (Setup > Email Templates > Product/Service
   Messages), with the NetFlow block pasted in. The block renders only while the
   service has an enabled access record; the netflow_* merge fields come from
   examples/hooks.php. Try it: netflow-manager email render --service 1042 --template welcome.tpl *}
Dear {$client_name},

Your new server {$service_domain} is ready. You can manage it in our client area:
{$whmcs_url}

{if $netflow_enabled}
NetFlow Analyzer Access
URL: {$netflow_url}
Username: {$netflow_username}
Password: {$netflow_password}
Group/IP: {$netflow_group} {$netflow_ip_address}
{/if}

{$signature}
