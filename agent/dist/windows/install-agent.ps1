<#
.SYNOPSIS
  Installs the Akashi agent on Windows 10/11 or Windows Server 2016-2025 and enrolls it.

.DESCRIPTION
  Copies akashi-agent.jar, the Java runtime shipped beside it (runtime\, a jlink image) and
  prunsrv.exe (Apache Commons Daemon procrun, the service host) to C:\Program Files\Akashi,
  dumps the AppCDS archive for the installed jar, keeps configuration and credentials in
  C:\ProgramData\Akashi readable only by SYSTEM and Administrators, enrolls the agent with the
  collector, and installs the Windows service "AkashiAgent" running the agent's daemon ("run")
  as LocalSystem, started automatically (delayed) and restarted on failure. A scheduled task
  left by an older version of this script is removed.
  Accounts are named by SID, so the script works the same on Japanese and other Windows.
  Run it again to upgrade: the enrollment is kept unless -Reenroll is given, and -Server and
  -Token are then not needed.
  -EventLog also writes a failure to the Windows Application log (source AkashiAgent): the MSI
  runs this script with it, and a custom action's console output is seen by nobody.
  Saved as UTF-8 with BOM so that Windows PowerShell 5.1 reads its Japanese messages correctly.

.EXAMPLE
  powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\install-agent.ps1 `
    -Server https://akashi.example.co.jp:8443 -Token 3Fq...e9 -Fingerprint sha256:9F86D0...0A08
#>
[CmdletBinding()]
param(
    [string]$Server,
    [string]$Token,
    [string]$Fingerprint,
    [string]$Jar = (Join-Path $PSScriptRoot 'akashi-agent.jar'),
    [string]$JavaHome,
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'Akashi'),
    [string]$ConfigDir = (Join-Path $env:ProgramData 'Akashi'),
    [string]$Prunsrv = (Join-Path $PSScriptRoot 'prunsrv.exe'),
    [ValidateRange(15, 1440)][int]$IntervalMinutes = 60,
    [switch]$Reenroll,
    [switch]$EventLog
)
$ErrorActionPreference = 'Stop'
$TaskName = 'Akashi Agent'
$ServiceName = 'AkashiAgent'
$SystemSid = 'S-1-5-18'
$AdministratorsSid = 'S-1-5-32-544'

function Fail([string]$Message) {
    if ($EventLog) {
        # eventcreate registers the source on first use. 'Continue' (local to this function): its
        # stderr must not turn into a terminating error that hides the message below.
        $ErrorActionPreference = 'Continue'
        & eventcreate.exe /L APPLICATION /SO AkashiAgent /T ERROR /ID 100 /D "install-agent.ps1: $Message" 2>&1 | Out-Null
    }
    Write-Error "akashi: $Message"
    exit 1
}

# --- checks: nothing is changed until every input is valid ---
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.SecurityIdentifier]$AdministratorsSid)) {
    Fail '管理者として実行してください (run from an elevated PowerShell: Run as Administrator).'
}
$credential = Join-Path $ConfigDir 'agent.json'
$enrolled = Test-Path -LiteralPath $credential
$enroll = -not $enrolled -or $Reenroll
if ($enroll -and -not $Server) {
    Fail '-Server is required to enroll (the collector''s https:// URL).'
}
if ($Server -and $Server -notmatch '^https://[A-Za-z0-9.-]+(:\d{1,5})?/?$') {
    Fail "-Server must be the collector's https:// URL, e.g. https://akashi.example.co.jp:8443 (got '$Server')."
}
if ($Fingerprint -and $Fingerprint -notmatch '^(sha256:)?[0-9A-Fa-f]{64}$') {
    Fail '-Fingerprint must be sha256: followed by 64 hex digits, as the collector shows it.'
}
if (-not (Test-Path -LiteralPath $Jar -PathType Leaf)) {
    Fail "akashi-agent.jar not found at '$Jar' (use -Jar)."
}
if (-not (Test-Path -LiteralPath $Prunsrv -PathType Leaf)) {
    Fail "prunsrv.exe (Apache Commons Daemon procrun, x64) not found at '$Prunsrv' (use -Prunsrv); see docs/DEPLOY-WINDOWS.md."
}
if ($enroll -and -not $Token) {
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
# an upgrade: stop the running service before its files are replaced
if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    Stop-Service -Name $ServiceName -Force -ErrorAction SilentlyContinue
}
New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
Copy-Item -LiteralPath $Jar -Destination (Join-Path $InstallDir 'akashi-agent.jar') -Force
Copy-Item -LiteralPath $Prunsrv -Destination (Join-Path $InstallDir 'prunsrv.exe') -Force
$runtime = Join-Path $InstallDir 'runtime'
if ($runtimeSource -ne $runtime) {
    if (Test-Path -LiteralPath $runtime) { Remove-Item -LiteralPath $runtime -Recurse -Force }
    Copy-Item -LiteralPath $runtimeSource -Destination $runtime -Recurse -Force
}
$java = Join-Path $runtime 'bin\java.exe'
$agentJar = Join-Path $InstallDir 'akashi-agent.jar'

# AppCDS: valid only for the jar at this path, so dumped here from the class list the package
# carries; without it the agent only starts slower.
$jsa = Join-Path $InstallDir 'akashi-agent.jsa'
if (Test-Path -LiteralPath $jsa) { Remove-Item -LiteralPath $jsa -Force }
$classList = Join-Path $PSScriptRoot 'classes.lst'
if (Test-Path -LiteralPath $classList) {
    Copy-Item -LiteralPath $classList -Destination (Join-Path $InstallDir 'classes.lst') -Force
    $ErrorActionPreference = 'Continue'
    & $java -Xshare:dump -XX:+UseSerialGC "-XX:SharedClassListFile=$(Join-Path $InstallDir 'classes.lst')" "-XX:SharedArchiveFile=$jsa" -cp $agentJar 2>&1 | Out-Null
    $ErrorActionPreference = 'Stop'
    if ($LASTEXITCODE -ne 0) { Write-Warning 'akashi: no AppCDS archive; the agent runs without it.' }
}
$cds = if (Test-Path -LiteralPath $jsa) { @("-XX:SharedArchiveFile=$jsa") } else { @() }

# Configuration holds the agent's credential: SYSTEM and Administrators only, no inheritance.
New-Item -ItemType Directory -Force -Path $ConfigDir | Out-Null
& icacls.exe $ConfigDir /inheritance:r /grant:r "*${SystemSid}:(OI)(CI)F" "*${AdministratorsSid}:(OI)(CI)F" | Out-Null
if ($LASTEXITCODE -ne 0) { Fail "could not restrict access to $ConfigDir (icacls exit $LASTEXITCODE)." }

$jvm = @('-Xms8m', '-Xmx64m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1') + $cds + @('-jar', $agentJar)
if ($enroll) {
    $enrollArgs = $jvm + @('enroll', '--server', $Server, '--token', $Token, '--config-dir', $ConfigDir, '--interval', [string]($IntervalMinutes * 60))
    if ($Fingerprint) {
        $fp = if ($Fingerprint.StartsWith('sha256:')) { $Fingerprint } else { "sha256:$Fingerprint" }
        $enrollArgs += @('--fingerprint', $fp)
    }
    & $java @enrollArgs
    if ($LASTEXITCODE -ne 0) { Fail "enrollment failed (exit $LASTEXITCODE); see the message above." }
}

# An older version of this script ran the agent from a scheduled task: remove it.
$oldTask = Get-ScheduledTask -TaskPath '\Akashi\' -TaskName $TaskName -ErrorAction SilentlyContinue
if ($oldTask) { $oldTask | Unregister-ScheduledTask -Confirm:$false }

# Windows service through procrun in exe mode: it starts the bundled java.exe with the daemon
# ("run": collects every interval with jitter, retries with backoff, each round in a child JVM)
# and ends it on stop. LocalSystem, automatic delayed start, restarted by the service control
# manager after a failure. Procrun keeps its log files in $ConfigDir\logs (daily files).
$prunsrvExe = Join-Path $InstallDir 'prunsrv.exe'
$daemonArgs = @('-Xms4m', '-Xmx24m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1') + $cds + @('-jar', $agentJar, 'run', '--config-dir', $ConfigDir,
    '--child-java-options', ((@('-Xms8m', '-Xmx64m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1') + $cds) -join ' '))
$verb = if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) { '//US//' } else { '//IS//' }
# procrun separates parameters with ';' (quoted so PowerShell passes each as one argument)
& $prunsrvExe "$verb$ServiceName" --DisplayName='Akashi Agent' `
    --Description='Akashi: collects security evidence and reports it to the collector.' `
    --Startup=auto --ServiceUser=LocalSystem --StartMode=exe --StartImage="$java" --StartPath="$InstallDir" `
    "--StartParams=$($daemonArgs -join ';')" --StopTimeout=30 `
    --LogPath="$(Join-Path $ConfigDir 'logs')" --LogPrefix=akashi-agent --StdOutput=auto --StdError=auto
if ($LASTEXITCODE -ne 0) { Fail "could not install the service $ServiceName (prunsrv exit $LASTEXITCODE)." }
& sc.exe config $ServiceName start= delayed-auto | Out-Null
& sc.exe failure $ServiceName reset= 86400 actions= restart/60000/restart/60000/restart/300000 | Out-Null
Start-Service -Name $ServiceName

Write-Host "Akashi エージェントをインストールしました / Akashi agent installed."
Write-Host "  program: $InstallDir"
Write-Host "  config : $ConfigDir (SYSTEM and Administrators only)"
Write-Host "  service: $ServiceName (LocalSystem, automatic), reporting every $IntervalMinutes min"
& $java @jvm status --config-dir $ConfigDir
