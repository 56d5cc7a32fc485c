# Akashi Windows Update scan (Windows Update Agent COM API). Runs apart from the inventory
# because a search can take a minute. $AkashiOnline is set by the agent: $false searches the
# update metadata cached by the last scan (no network), $true asks the update service.
# Prints ONE JSON object {"schema":1,"sections":{"pending":{...},"history":{...}}}; dates are
# ISO-8601 UTC (the WUA API returns UTC), classification is by category GUID, never by name.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$r = [ordered]@{}
function U($d) { if ($d) { [datetime]::SpecifyKind([datetime]$d, 'Utc').ToString('o') } }
function S($n, [scriptblock]$b) {
  try { $r[$n] = & $b }
  catch { $r[$n] = @{error = [string]$_.Exception.Message; id = [string]$_.FullyQualifiedErrorId; hresult = ('0x{0:X8}' -f $_.Exception.HResult)} }
}
function C($u) { @(foreach ($c in $u.Categories) { [string]$c.CategoryID }) }
$session = New-Object -ComObject Microsoft.Update.Session

S pending {
  $s = $session.CreateUpdateSearcher()
  $s.Online = [bool]$AkashiOnline
  $res = $s.Search("IsInstalled=0 and IsHidden=0 and Type='Software'")
  [ordered]@{
    online = [bool]$AkashiOnline; result_code = [int]$res.ResultCode
    items = @(foreach ($u in $res.Updates) { [ordered]@{
      title = $u.Title; kb = @($u.KBArticleIDs); severity = [string]$u.MsrcSeverity; categories = C $u
      published = U $u.LastDeploymentChangeTime; update_id = $u.Identity.UpdateID; revision = [int]$u.Identity.RevisionNumber
      cves = @($u.CveIDs) } })
  }
}

S history {
  $s = $session.CreateUpdateSearcher()
  $n = $s.GetTotalHistoryCount()
  $e = if ($n -gt 0) { @($s.QueryHistory(0, [Math]::Min($n, 300))) } else { @() }
  [ordered]@{
    total = $n
    items = @(foreach ($h in $e) { [ordered]@{date = U $h.Date; operation = [int]$h.Operation; result = [int]$h.ResultCode; title = $h.Title; categories = C $h} })
  }
}

$json = [ordered]@{schema = 1; sections = $r} | ConvertTo-Json -Depth 8 -Compress
$json = [regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
[Console]::Out.Write($json)
