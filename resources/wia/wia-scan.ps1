<#
  OneWindow WIA bridge: drives Windows Image Acquisition 2.0 through its COM automation layer
  (WIA.DeviceManager), so the workstation needs no native addon. The workstation runs it with
  powershell.exe and reads back files:
    - each scanned page is saved as its own file in -OutDir, and announced on stdout as
      "PAGE <full path>" once it is complete (the workstation shows progress from these lines);
    - at the end a JSON result is written to -ResultFile (UTF-8):
        list: { "ok": true, "devices": [ { "id", "name", "manufacturer", "type" } ], "twainSources": [ ... ] }
        scan: { "ok": true, "pages": [ "<path>", ... ], "feederEmpty": bool }
        any failure: { "ok": false, "hresult": "0x80210003", "message": "...", "pages": [ ... ] }
  The workstation maps the HRESULT to a message for the clerk; this script never shows UI.
  Only a Windows machine with a WIA driver can run it; the Linux CI tests its parsing only.
#>
param(
  [Parameter(Mandatory = $true)][ValidateSet('list', 'scan')][string]$Action,
  [Parameter(Mandatory = $true)][string]$ResultFile,
  [string]$DeviceId = '',
  [string]$OutDir = '',
  [int]$Resolution = 200,
  [ValidateSet('Color', 'Gray', 'Lineart')][string]$Mode = 'Gray',
  [ValidateSet('Flatbed', 'Feeder', 'Duplex')][string]$Source = 'Flatbed',
  [int]$Pages = 1
)
$ErrorActionPreference = 'Stop'
$FormatJpeg = '{B96B3CAE-0728-11D3-9D7B-0000F81EF32E}'
$FormatPng = '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}'
$WIA_ERROR_PAPER_EMPTY = 0x80210003
$saved = New-Object System.Collections.ArrayList

function Write-Result($object) {
  $json = $object | ConvertTo-Json -Depth 5 -Compress
  [System.IO.File]::WriteAllText($ResultFile, $json, (New-Object System.Text.UTF8Encoding($false)))
}

function HResultOf($err) {
  $e = $err.Exception
  while ($e -ne $null) {
    if ($e.HResult -ne 0 -and ($e.HResult -band 0xFFFF0000) -ne 0x80131500) { return ('0x{0:X8}' -f $e.HResult) }
    $e = $e.InnerException
  }
  return ('0x{0:X8}' -f $err.Exception.HResult)
}

function Set-Prop($props, [int]$id, $value) {
  foreach ($p in $props) { if ($p.PropertyID -eq $id) { $p.Value = $value; return } }
}

function TwainSources() {
  $found = @()
  foreach ($dir in @("$env:WINDIR\twain_32", "$env:WINDIR\twain_64")) {
    if (Test-Path $dir) { $found += Get-ChildItem -Path $dir -Recurse -Filter *.ds -ErrorAction SilentlyContinue | ForEach-Object { $_.BaseName } }
  }
  return @($found)
}

try {
  $manager = New-Object -ComObject WIA.DeviceManager
  if ($Action -eq 'list') {
    $devices = @()
    foreach ($info in $manager.DeviceInfos) {
      if ($info.Type -ne 1) { continue } # 1 = scanner; cameras and video devices are not ours
      $devices += @{
        id = $info.DeviceID
        name = $info.Properties.Item('Name').Value
        manufacturer = $info.Properties.Item('Manufacturer').Value
        type = 'scanner'
      }
    }
    Write-Result @{ ok = $true; devices = @($devices); twainSources = (TwainSources) }
    exit 0
  }

  $info = $null
  foreach ($d in $manager.DeviceInfos) {
    if ($d.Type -eq 1 -and ($DeviceId -eq '' -or $d.DeviceID -eq $DeviceId)) { $info = $d; break }
  }
  if ($info -eq $null) { Write-Result @{ ok = $false; hresult = '0x80210015'; message = 'no WIA scanner'; pages = @() }; exit 2 }
  $device = $info.Connect()

  # Document handling select (3088): 1 feeder, 2 flatbed, 4 duplex; pages (3096): 0 = all.
  if ($Source -ne 'Flatbed') {
    Set-Prop $device.Properties 3088 ($(if ($Source -eq 'Duplex') { 5 } else { 1 }))
    Set-Prop $device.Properties 3096 $(if ($Pages -gt 0) { $Pages } else { 0 })
  } else {
    Set-Prop $device.Properties 3088 2
  }
  $item = $device.Items.Item(1)
  # Intent (6146): 1 colour, 2 greyscale, 4 text; resolution 6147/6148.
  Set-Prop $item.Properties 6146 $(switch ($Mode) { 'Color' { 1 } 'Gray' { 2 } default { 4 } })
  Set-Prop $item.Properties 6147 $Resolution
  Set-Prop $item.Properties 6148 $Resolution
  $format = $(if ($Mode -eq 'Lineart') { $FormatPng } else { $FormatJpeg })
  $ext = $(if ($Mode -eq 'Lineart') { 'png' } else { 'jpg' })

  $want = $(if ($Source -eq 'Flatbed') { 1 } else { [Math]::Max(1, $Pages) })
  $feederEmpty = $false
  for ($n = 1; $n -le $want; $n++) {
    try {
      $image = $item.Transfer($format)
    } catch {
      $hr = HResultOf $_
      if ($Source -ne 'Flatbed' -and $hr -eq ('0x{0:X8}' -f $WIA_ERROR_PAPER_EMPTY) -and $saved.Count -gt 0) { $feederEmpty = $true; break }
      throw
    }
    $path = Join-Path $OutDir ('page-{0:D4}.{1}' -f $n, $ext)
    $image.SaveFile($path)
    [void]$saved.Add($path)
    [Console]::Out.WriteLine("PAGE $path")
    [Console]::Out.Flush()
  }
  Write-Result @{ ok = $true; pages = @($saved); feederEmpty = $feederEmpty }
  exit 0
} catch {
  Write-Result @{ ok = $false; hresult = (HResultOf $_); message = $_.Exception.Message; pages = @($saved) }
  exit 1
}
