; Inno Setup script: wraps the PyInstaller one-folder bundle into a per-user installer.
[Setup]
AppName=Tradewind
AppVersion=0.1.0
DefaultDirName={localappdata}\Programs\Tradewind
PrivilegesRequired=lowest
OutputBaseFilename=Tradewind-Setup
Compression=lzma2
SolidCompression=yes

[Files]
Source: "..\..\dist\Tradewind\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{userprograms}\Tradewind"; Filename: "{app}\Tradewind.exe"

[Run]
Filename: "{app}\Tradewind.exe"; Description: "Start Tradewind"; Flags: postinstall nowait skipifsilent
