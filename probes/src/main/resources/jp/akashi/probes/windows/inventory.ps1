# Akashi Windows inventory (Windows PowerShell 5.1 and PowerShell 7).
# Prints ONE JSON object {"schema":1,"context":{...},"sections":{name:{...}}}. Every section is
# wrapped so that one failure yields {"error":...} for that section only. Only structured,
# locale-independent values are read: CIM/WMI properties, registry values, SIDs, enum numbers,
# file bytes (secedit/auditpol exports, sent as base64 so their encoding is decoded by the agent).
# Dates are ISO-8601 UTC. Non-ASCII characters are escaped so the console code page cannot
# corrupt them. Full-line comments and indentation are stripped before the script is sent.
# Helper names avoid PowerShell's built-in aliases, which win over functions (rv is Remove-Variable).
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$T = 20
$r = [ordered]@{}
function D($d) { if ($d) { ([datetime]$d).ToUniversalTime().ToString('o') } }
function U($d) { if ($d) { [datetime]::SpecifyKind([datetime]$d, 'Utc').ToString('o') } }
function RegV($p, $n) { try { (Get-ItemProperty -LiteralPath $p -Name $n).$n } catch { $null } }
function RegN($p, [string[]]$n) { $h = [ordered]@{}; foreach ($x in $n) { $h[$x] = RegV $p $x }; $h }
function RegK($p) {
  try {
    $k = Get-Item -LiteralPath $p
    $h = [ordered]@{}
    foreach ($x in $k.GetValueNames()) { $h[$x] = $k.GetValue($x) }
    $h
  } catch { $null }
}
function CIM($c, $f, $ns) {
  $a = @{ClassName = $c; OperationTimeoutSec = $T}
  if ($f) { $a.Filter = $f }
  if ($ns) { $a.Namespace = $ns }
  Get-CimInstance @a
}
function S($n, [scriptblock]$b) {
  try { $r[$n] = & $b }
  catch { $r[$n] = @{error = [string]$_.Exception.Message; id = [string]$_.FullyQualifiedErrorId; hresult = ('0x{0:X8}' -f $_.Exception.HResult)} }
}
# Runs a tool that writes a file, returns the file's bytes as base64 and the exit code.
function FB([scriptblock]$run) {
  $f = Join-Path ([IO.Path]::GetTempPath()) ('akashi-' + [guid]::NewGuid().ToString('N') + '.tmp')
  try {
    $null = & $run $f
    $c = $LASTEXITCODE
    $b = if (Test-Path -LiteralPath $f) { [IO.File]::ReadAllBytes($f) } else { [byte[]]@() }
    @{exit = $c; b64 = [Convert]::ToBase64String($b)}
  } finally { Remove-Item -LiteralPath $f -Force -ErrorAction SilentlyContinue }
}
$users = @()
try { $users = @(Get-ChildItem -LiteralPath 'Registry::HKEY_USERS' | Where-Object { $_.PSChildName -match '^S-1-5-21-[0-9-]+$' } | ForEach-Object { $_.PSChildName }) } catch { }
$svc = $null
try { $svc = @(CIM Win32_Service) } catch { $svcErr = $_ }

$id = [Security.Principal.WindowsIdentity]::GetCurrent()
$ctx = [ordered]@{
  ps = [string]$PSVersionTable.PSVersion
  elevated = ([Security.Principal.WindowsPrincipal]$id).IsInRole([Security.Principal.SecurityIdentifier]'S-1-5-32-544')
  user_sid = $id.User.Value
  culture = [string](Get-Culture).Name
  ui_culture = [string](Get-UICulture).Name
  now = (Get-Date).ToUniversalTime().ToString('o')
}

S os {
  $cv = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  $o = CIM Win32_OperatingSystem
  $cs = CIM Win32_ComputerSystem
  $p = CIM Win32_ComputerSystemProduct
  [ordered]@{
    product_name = RegV $cv ProductName; edition_id = RegV $cv EditionID; display_version = RegV $cv DisplayVersion
    release_id = RegV $cv ReleaseId; current_build = RegV $cv CurrentBuild; ubr = RegV $cv UBR
    installation_type = RegV $cv InstallationType
    version = $o.Version; build_number = $o.BuildNumber; product_type = [int]$o.ProductType
    caption = $o.Caption; last_boot = D $o.LastBootUpTime
    arch = RegV 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Environment' PROCESSOR_ARCHITECTURE
    hostname = [Environment]::MachineName; domain = $cs.Domain; part_of_domain = [bool]$cs.PartOfDomain
    manufacturer = $cs.Manufacturer; model = $cs.Model; hypervisor_present = $cs.HypervisorPresent
    uuid = $p.UUID; machine_guid = RegV 'HKLM:\SOFTWARE\Microsoft\Cryptography' MachineGuid
  }
}

S hotfixes { @{items = @(CIM Win32_QuickFixEngineering | ForEach-Object { @{id = $_.HotFixID; installed_on = [string]$_.InstalledOn} })} }

S update_settings {
  $h = [ordered]@{
    policy = RegK 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU'
    wsus = RegN 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate' @('WUServer', 'DisableWindowsUpdateAccess')
    mdm = RegN 'HKLM:\SOFTWARE\Microsoft\PolicyManager\current\device\Update' AllowAutoUpdate
    pause = RegN 'HKLM:\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings' PauseUpdatesExpiryTime
  }
  try {
    $a = New-Object -ComObject Microsoft.Update.AutoUpdate
    $h.notification_level = [int]$a.Settings.NotificationLevel
    $h.last_search_success = U $a.Results.LastSearchSuccessDate
    $h.last_install_success = U $a.Results.LastInstallationSuccessDate
  } catch { $h.com_error = [string]$_.Exception.Message }
  $h
}

S services {
  if ($null -eq $svc) { throw $svcErr }
  @{items = @($svc | ForEach-Object { @{name = $_.Name; state = [string]$_.State; start_mode = [string]$_.StartMode; pid = [int]$_.ProcessId} })}
}

# the clock's synchronisation state; its labels are in the display language, its numbers are not (W32tmStatus)
S time_status { $o = @(& w32tm.exe /query /status 2>&1 | ForEach-Object { [string]$_ }); @{exit = $LASTEXITCODE; lines = $o} }

S defender {
  $m = Get-MpComputerStatus
  [ordered]@{
    am_service_enabled = $m.AMServiceEnabled; antivirus_enabled = $m.AntivirusEnabled
    realtime = $m.RealTimeProtectionEnabled; running_mode = [string]$m.AMRunningMode
    product_version = $m.AMProductVersion; signature_version = $m.AntivirusSignatureVersion
    signature_updated = D $m.AntivirusSignatureLastUpdated
    quick_scan_end = D $m.QuickScanEndTime; full_scan_end = D $m.FullScanEndTime
    tamper_protected = $m.IsTamperProtected
    mde_onboarding_state = RegV 'HKLM:\SOFTWARE\Microsoft\Windows Advanced Threat Protection\Status' OnboardingState
  }
}

S security_center {
  $sc = 'root/SecurityCenter2'
  $f = { @{name = $_.displayName; guid = $_.instanceGuid; state = [long]$_.productState; exe = $_.pathToSignedProductExe} }
  @{antivirus = @(CIM AntiVirusProduct $null $sc | ForEach-Object $f); firewall = @(CIM FirewallProduct $null $sc | ForEach-Object $f)}
}

S secedit { FB { param($f) secedit.exe /export /cfg $f /areas SECURITYPOLICY /quiet } }

S auditpol { FB { param($f) auditpol.exe /backup "/file:$f" } }

S local_users {
  @{items = @(Get-LocalUser | ForEach-Object { [ordered]@{
    name = $_.Name; sid = $_.SID.Value; enabled = [bool]$_.Enabled; password_required = [bool]$_.PasswordRequired
    last_logon = D $_.LastLogon; password_last_set = D $_.PasswordLastSet } })}
}

S admins {
  try {
    $m = @(Get-LocalGroupMember -SID 'S-1-5-32-544' | ForEach-Object { @{name = $_.Name; sid = [string]$_.SID.Value; source = [string]$_.PrincipalSource} })
    $via = 'Get-LocalGroupMember'
  } catch {
    # Get-LocalGroupMember fails on orphaned or Entra ID members: list the group through ADSI, still found by SID.
    $g = ([Security.Principal.SecurityIdentifier]'S-1-5-32-544').Translate([Security.Principal.NTAccount]).Value.Split('\')[-1]
    $m = @(([ADSI]"WinNT://./$g,group").psbase.Invoke('Members') | ForEach-Object {
      $t = $_.GetType()
      $s = New-Object Security.Principal.SecurityIdentifier(($t.InvokeMember('objectSid', 'GetProperty', $null, $_, $null)), 0)
      @{name = [string]$t.InvokeMember('ADsPath', 'GetProperty', $null, $_, $null); sid = $s.Value; source = 'ADSI'} })
    $via = 'ADSI'
  }
  @{members = $m; via = $via}
}

S bitlocker {
  $d = $env:SystemDrive
  $v = CIM Win32_EncryptableVolume "DriveLetter='$d'" 'root/cimv2/Security/MicrosoftVolumeEncryption'
  if ($v) { [ordered]@{drive = $d; present = $true; protection_status = [int]$v.ProtectionStatus; conversion_status = [int]$v.ConversionStatus; encryption_method = [int]$v.EncryptionMethod} }
  else { @{drive = $d; present = $false} }
}

S screen {
  $dk = 'ScreenSaveActive', 'ScreenSaveTimeOut', 'ScreenSaverIsSecure'
  $u = @(foreach ($s in $users) {
    $b = "Registry::HKEY_USERS\$s"
    [ordered]@{sid = $s; desktop = RegN "$b\Control Panel\Desktop" $dk; policy = RegN "$b\Software\Policies\Microsoft\Windows\Control Panel\Desktop" $dk}
  })
  $pw = [ordered]@{}
  try {
    $ns = 'root/cimv2/power'
    $g = ((CIM Win32_PowerPlan 'IsActive=True' $ns).InstanceID -split '\\')[-1]
    $pw.plan = $g
    $ids = [ordered]@{sleep = '29f6c1db-86da-48c5-9fdb-f2b67b1f44da'; display = '3c0bc021-c8a8-4e07-a973-6b14cbcb2b7e'; console_lock = '0e796bdb-100d-47d6-a2d5-f7d2daa51f51'}
    foreach ($k in $ids.Keys) {
      foreach ($m in 'AC', 'DC') {
        $i = CIM Win32_PowerSettingDataIndex ("InstanceID='Microsoft:PowerSettingDataIndex\\$g\\$m\\{" + $ids[$k] + "}'") $ns
        $pw["$($k)_$($m.ToLower())"] = if ($i) { [long]$i.SettingIndexValue } else { $null }
      }
    }
  } catch { $pw.error = [string]$_.Exception.Message }
  [ordered]@{inactivity_policy = RegV 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' InactivityTimeoutSecs; users = $u; power = $pw}
}

S removable {
  $b = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\RemovableStorageDevices'
  [ordered]@{
    deny_all = RegV $b Deny_All
    removable_disk = RegN "$b\{53f5630d-b6bf-11d0-94f2-00a0c91efb8b}" @('Deny_Write', 'Deny_Read')
    wpd = RegN "$b\{6AC27878-A6FA-4155-BA85-F98F491D4F33}" @('Deny_Write', 'Deny_Read')
    wpd_legacy = RegN "$b\{F33FDC04-D1AC-4E8E-9A30-19BBD4B108AE}" @('Deny_Write', 'Deny_Read')
    write_protect = RegV 'HKLM:\SYSTEM\CurrentControlSet\Control\StorageDevicePolicies' WriteProtect
    usbstor_start = RegV 'HKLM:\SYSTEM\CurrentControlSet\Services\USBSTOR' Start
    bitlocker_deny_unencrypted = RegV 'HKLM:\SYSTEM\CurrentControlSet\Policies\Microsoft\FVE' RDVDenyWriteAccess
  }
}

S firewall {
  [ordered]@{
    profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object { @{name = [string]$_.Name; enabled = [int]$_.Enabled; inbound = [int]$_.DefaultInboundAction; outbound = [int]$_.DefaultOutboundAction} })
    connections = @(CIM MSFT_NetConnectionProfile $null 'root/StandardCimv2' | ForEach-Object { @{category = [int]$_.NetworkCategory} })
  }
}

S listening {
  $pn = @{}
  Get-Process | ForEach-Object { $pn[[int]$_.Id] = $_.ProcessName }
  $f = { @{address = [string]$_.LocalAddress; port = [int]$_.LocalPort; pid = [int]$_.OwningProcess; process = $pn[[int]$_.OwningProcess]} }
  [ordered]@{tcp = @(CIM MSFT_NetTCPConnection 'State=2' 'root/StandardCimv2' | ForEach-Object $f); udp = @(CIM MSFT_NetUDPEndpoint $null 'root/StandardCimv2' | ForEach-Object $f)}
}

S software {
  $roots = @(@{view = 'machine64'; path = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'}, @{view = 'machine32'; path = 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall'})
  $roots += @($users | ForEach-Object { @{view = "user:$_"; path = "Registry::HKEY_USERS\$_\Software\Microsoft\Windows\CurrentVersion\Uninstall"} })
  @{items = @(foreach ($x in $roots) {
    if (Test-Path -LiteralPath $x.path) {
      Get-ChildItem -LiteralPath $x.path | ForEach-Object {
        $n = $_.GetValue('DisplayName')
        if ($n) { [ordered]@{name = $n; version = $_.GetValue('DisplayVersion'); publisher = $_.GetValue('Publisher'); install_date = $_.GetValue('InstallDate'); system_component = $_.GetValue('SystemComponent'); parent = $_.GetValue('ParentKeyName'); release_type = $_.GetValue('ReleaseType'); view = $x.view} }
      }
    }
  })}
}

S legacy {
  $ts = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server'
  $tp = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
  $h = [ordered]@{
    smb1_server_reg = RegV 'HKLM:\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters' SMB1
    mrxsmb10_start = RegV 'HKLM:\SYSTEM\CurrentControlSet\Services\mrxsmb10' Start
    rdp_deny = RegV $ts fDenyTSConnections; rdp_nla = RegV "$ts\WinStations\RDP-Tcp" UserAuthentication
    rdp_policy_deny = RegV $tp fDenyTSConnections; rdp_policy_nla = RegV $tp UserAuthentication
  }
  try { $h.smb1_server = [bool](Get-SmbServerConfiguration).EnableSMB1Protocol } catch { $h.smb1_server_error = [string]$_.Exception.Message }
  $h
}

S forwarding { @{subscription_managers = RegK 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\EventLog\EventForwarding\SubscriptionManager'} }

$json = [ordered]@{schema = 1; context = $ctx; sections = $r} | ConvertTo-Json -Depth 8 -Compress
$json = [regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
[Console]::Out.Write($json)
