<#
.SYNOPSIS
  Removes the Akashi agent: its Windows service (and a scheduled task of older versions), program files and (unless -KeepConfig) its
  configuration and credential. The collector keeps the asset's history; revoke the agent there.
#>
[CmdletBinding()]
param(
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'Akashi'),
    [string]$ConfigDir = (Join-Path $env:ProgramData 'Akashi'),
    [switch]$KeepConfig
)
$ErrorActionPreference = 'Stop'
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.SecurityIdentifier]'S-1-5-32-544')) {
    Write-Error 'akashi: 管理者として実行してください (run as Administrator).'
    exit 1
}
if (Get-Service -Name 'AkashiAgent' -ErrorAction SilentlyContinue) {
    Stop-Service -Name 'AkashiAgent' -Force -ErrorAction SilentlyContinue
    $prunsrv = Join-Path $InstallDir 'prunsrv.exe'
    if (Test-Path -LiteralPath $prunsrv) { & $prunsrv '//DS//AkashiAgent' } else { & sc.exe delete AkashiAgent | Out-Null }
}
$task = Get-ScheduledTask -TaskPath '\Akashi\' -ErrorAction SilentlyContinue
if ($task) {
    $task | Stop-ScheduledTask -ErrorAction SilentlyContinue
    $task | Unregister-ScheduledTask -Confirm:$false
}
if (Test-Path -LiteralPath $InstallDir) { Remove-Item -LiteralPath $InstallDir -Recurse -Force }
if (-not $KeepConfig -and (Test-Path -LiteralPath $ConfigDir)) { Remove-Item -LiteralPath $ConfigDir -Recurse -Force }
Write-Host 'Akashi エージェントを削除しました / Akashi agent removed.'
if ($KeepConfig) { Write-Host "  configuration kept in $ConfigDir" }
