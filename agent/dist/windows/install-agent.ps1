<#
.SYNOPSIS
  Installs the Akashi agent on Windows 10/11 or Windows Server 2016-2025 and enrolls it.

.DESCRIPTION
  Copies akashi-agent.jar (and the Java runtime shipped beside it, if any) to
  C:\Program Files\Akashi, keeps configuration and credentials in C:\ProgramData\Akashi
  readable only by SYSTEM and Administrators, enrolls the agent with the collector, and
  registers a scheduled task that runs "run-once" as SYSTEM every hour with a random delay.
  Accounts are named by SID, so the script works the same on Japanese and other Windows.
  Run it again to upgrade: the enrollment is kept unless -Reenroll is given.
  Saved as UTF-8 with BOM so that Windows PowerShell 5.1 reads its Japanese messages correctly.

.EXAMPLE
  powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\install-agent.ps1 `
    -Server https://akashi.example.co.jp:8443 -Token 3Fq...e9 -Fingerprint sha256:9F86D0...0A08
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$Server,
    [string]$Token,
    [string]$Fingerprint,
    [string]$Jar = (Join-Path $PSScriptRoot 'akashi-agent.jar'),
    [string]$JavaHome,
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'Akashi'),
    [string]$ConfigDir = (Join-Path $env:ProgramData 'Akashi'),
    [ValidateRange(15, 1440)][int]$IntervalMinutes = 60,
    [switch]$Reenroll
)
$ErrorActionPreference = 'Stop'
$TaskName = 'Akashi Agent'
$SystemSid = 'S-1-5-18'
$AdministratorsSid = 'S-1-5-32-544'

function Fail([string]$Message) {
    Write-Error "akashi: $Message"
    exit 1
}

# --- checks: nothing is changed until every input is valid ---
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.SecurityIdentifier]$AdministratorsSid)) {
    Fail '管理者として実行してください (run from an elevated PowerShell: Run as Administrator).'
}
if ($Server -notmatch '^https://[A-Za-z0-9.-]+(:\d{1,5})?/?$') {
    Fail "-Server must be the collector's https:// URL, e.g. https://akashi.example.co.jp:8443 (got '$Server')."
}
if ($Fingerprint -and $Fingerprint -notmatch '^(sha256:)?[0-9A-Fa-f]{64}$') {
    Fail '-Fingerprint must be sha256: followed by 64 hex digits, as the collector shows it.'
}
if (-not (Test-Path -LiteralPath $Jar -PathType Leaf)) {
    Fail "akashi-agent.jar not found at '$Jar' (use -Jar)."
}
$credential = Join-Path $ConfigDir 'agent.json'
$enrolled = Test-Path -LiteralPath $credential
if ((-not $enrolled -or $Reenroll) -and -not $Token) {
    Fail '-Token is required to enroll (create one in the collector: Agents > Enrollment tokens).'
}

# Java: the runtime shipped beside the script, else -JavaHome, else JAVA_HOME.
$bundled = Join-Path $PSScriptRoot 'runtime'
if (Test-Path -LiteralPath (Join-Path $bundled 'bin\java.exe')) {
    $runtimeSource = $bundled
} elseif ($JavaHome) {
    $runtimeSource = $JavaHome
} elseif ($env:JAVA_HOME) {
    $runtimeSource = $env:JAVA_HOME
} else {
    Fail 'No Java runtime: put one in .\runtime beside this script, or pass -JavaHome (Java 17 or later).'
}
$sourceJava = Join-Path $runtimeSource 'bin\java.exe'
if (-not (Test-Path -LiteralPath $sourceJava)) {
    Fail "no bin\java.exe under '$runtimeSource'."
}
# java prints its settings on stderr; Windows PowerShell turns redirected stderr into errors under 'Stop'
$ErrorActionPreference = 'Continue'
$versionText = (& $sourceJava -XshowSettings:properties -version 2>&1 | Out-String)
$ErrorActionPreference = 'Stop'
if ($versionText -notmatch 'java\.specification\.version = (\d+)' -or [int]$Matches[1] -lt 17) {
    Fail "Java 17 or later is required ('$sourceJava')."
}

# --- install ---
New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
Copy-Item -LiteralPath $Jar -Destination (Join-Path $InstallDir 'akashi-agent.jar') -Force
$runtime = Join-Path $InstallDir 'runtime'
if ($runtimeSource -ne $runtime) {
    if (Test-Path -LiteralPath $runtime) { Remove-Item -LiteralPath $runtime -Recurse -Force }
    Copy-Item -LiteralPath $runtimeSource -Destination $runtime -Recurse -Force
}
$java = Join-Path $runtime 'bin\java.exe'
$agentJar = Join-Path $InstallDir 'akashi-agent.jar'

# Configuration holds the agent's credential: SYSTEM and Administrators only, no inheritance.
New-Item -ItemType Directory -Force -Path $ConfigDir | Out-Null
& icacls.exe $ConfigDir /inheritance:r /grant:r "*${SystemSid}:(OI)(CI)F" "*${AdministratorsSid}:(OI)(CI)F" | Out-Null
if ($LASTEXITCODE -ne 0) { Fail "could not restrict access to $ConfigDir (icacls exit $LASTEXITCODE)." }

$jvm = @('-Xmx64m', '-XX:+UseSerialGC', '-jar', $agentJar)
if (-not $enrolled -or $Reenroll) {
    $enroll = $jvm + @('enroll', '--server', $Server, '--token', $Token, '--config-dir', $ConfigDir)
    if ($Fingerprint) {
        $fp = if ($Fingerprint.StartsWith('sha256:')) { $Fingerprint } else { "sha256:$Fingerprint" }
        $enroll += @('--fingerprint', $fp)
    }
    & $java @enroll
    if ($LASTEXITCODE -ne 0) { Fail "enrollment failed (exit $LASTEXITCODE); see the message above." }
}

# Scheduled task: run-once as SYSTEM every $IntervalMinutes with up to 15 minutes of random delay,
# and at startup. The account is named by translating its SID, which works on every language.
$system = (New-Object Security.Principal.SecurityIdentifier $SystemSid).Translate([Security.Principal.NTAccount]).Value
$quoted = ($jvm + @('run-once', '--config-dir', $ConfigDir) | ForEach-Object { if ($_ -match '\s') { '"' + $_ + '"' } else { $_ } }) -join ' '
$action = New-ScheduledTaskAction -Execute $java -Argument $quoted -WorkingDirectory $InstallDir
$triggers = @(
    (New-ScheduledTaskTrigger -Once -At (Get-Date).AddMinutes(2) -RepetitionInterval (New-TimeSpan -Minutes $IntervalMinutes) -RandomDelay (New-TimeSpan -Minutes 15)),
    (New-ScheduledTaskTrigger -AtStartup -RandomDelay (New-TimeSpan -Minutes 10))
)
$taskPrincipal = New-ScheduledTaskPrincipal -UserId $system -LogonType ServiceAccount -RunLevel Highest
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Minutes 30) -MultipleInstances IgnoreNew `
    -StartWhenAvailable -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries
Register-ScheduledTask -TaskName $TaskName -TaskPath '\Akashi\' -Action $action -Trigger $triggers -Principal $taskPrincipal `
    -Settings $settings -Description 'Akashi: collects security evidence and reports it to the collector.' -Force | Out-Null
Start-ScheduledTask -TaskName $TaskName -TaskPath '\Akashi\'

Write-Host "Akashi エージェントをインストールしました / Akashi agent installed."
Write-Host "  program: $InstallDir"
Write-Host "  config : $ConfigDir (SYSTEM and Administrators only)"
Write-Host "  task   : \Akashi\$TaskName, every $IntervalMinutes min as SYSTEM"
& $java @jvm status --config-dir $ConfigDir
