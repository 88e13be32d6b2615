; Inno Setup 6 script: wraps the PyInstaller one-folder bundle (dist\Tradewind) into a per-user
; installer (no administrator rights). Build on Windows from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\windows\tradewind.iss
; (the CI workflow passes the version from client/version.py). Result: dist\Tradewind-Setup-VERSION.exe
;
; Registers Tradewind as a mail client (HKCU\Software\Clients\Mail\Tradewind with Capabilities,
; URLAssociations for mailto, RegisteredApplications) and as an opener of .eml and .ics. Windows
; does not let an app make itself the default: the rep picks Tradewind in Settings > Apps >
; Default apps (Tradewind offers to open that page: Help > Default mail app).
; Uninstalling keeps the rep's profile (mail cache, drafts, settings) unless they tick the box.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Tradewind"
#define AppExe "Tradewind.exe"
#define ProgIdMail "Tradewind.Url.mailto"
#define ProgIdEml "Tradewind.eml"
#define ProgIdIcs "Tradewind.ics"
#define CapKey "Software\Clients\Mail\Tradewind\Capabilities"
; Chinese is offered when the compiler has the (user-contributed) ChineseSimplified.isl; the
; CI workflow puts it there from jrsoftware/issrc.
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")

[Setup]
AppId={{6F4B2C1E-7A3D-4E8B-9C55-2D1A7E0F3B91}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Tradewind
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64
ArchitecturesInstallIn64BitMode=x64
OutputDir=..\..\dist
OutputBaseFilename=Tradewind-Setup-{#AppVersion}
SetupIconFile=..\..\build\icons\tradewind.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if HaveChinese
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
en.StartApp=Start Tradewind
en.MailDescription=Tradewind mail client for sales reps
en.RemoveProfile=Also delete my Tradewind profile (mail cache, drafts, outbox and settings) at%n%1?%n%nChoose No to keep it for a later installation.
#if HaveChinese
zh_CN.StartApp=启动 Tradewind
zh_CN.MailDescription=面向外贸业务员的 Tradewind 邮件客户端
zh_CN.RemoveProfile=是否同时删除位于%n%1%n的 Tradewind 个人资料（邮件缓存、草稿、发件箱和设置）？%n%n选择“否”可保留，供以后重新安装使用。
#endif

[Files]
Source: "..\..\dist\Tradewind\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{userprograms}\Uninstall {#AppName}"; Filename: "{uninstallexe}"

[Registry]
; --- the mail client (Default Programs / Default apps) ---
Root: HKCU; Subkey: "Software\Clients\Mail\Tradewind"; ValueType: string; ValueName: ""; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Clients\Mail\Tradewind\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Clients\Mail\Tradewind\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"""
Root: HKCU; Subkey: "{#CapKey}"; ValueType: string; ValueName: "ApplicationName"; ValueData: "{#AppName}"
Root: HKCU; Subkey: "{#CapKey}"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "{cm:MailDescription}"
Root: HKCU; Subkey: "{#CapKey}"; ValueType: string; ValueName: "ApplicationIcon"; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "{#CapKey}\URLAssociations"; ValueType: string; ValueName: "mailto"; ValueData: "{#ProgIdMail}"
Root: HKCU; Subkey: "{#CapKey}\FileAssociations"; ValueType: string; ValueName: ".eml"; ValueData: "{#ProgIdEml}"
Root: HKCU; Subkey: "{#CapKey}\FileAssociations"; ValueType: string; ValueName: ".ics"; ValueData: "{#ProgIdIcs}"
Root: HKCU; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "Tradewind"; ValueData: "{#CapKey}"; Flags: uninsdeletevalue

; --- ProgIDs: each open command passes the URL or file as "%1" (one quoted argument) ---
Root: HKCU; Subkey: "Software\Classes\{#ProgIdMail}"; ValueType: string; ValueName: ""; ValueData: "URL:MailTo Protocol"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgIdMail}"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\{#ProgIdMail}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\{#ProgIdMail}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" open ""%1"""
Root: HKCU; Subkey: "Software\Classes\{#ProgIdEml}"; ValueType: string; ValueName: ""; ValueData: "E-mail message"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgIdEml}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\{#ProgIdEml}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" open ""%1"""
Root: HKCU; Subkey: "Software\Classes\{#ProgIdIcs}"; ValueType: string; ValueName: ""; ValueData: "Calendar file"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgIdIcs}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\{#ProgIdIcs}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" open ""%1"""
; offered in "Open with" for the extensions (never taking the default away from another app)
Root: HKCU; Subkey: "Software\Classes\.eml\OpenWithProgids"; ValueType: string; ValueName: "{#ProgIdEml}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.ics\OpenWithProgids"; ValueType: string; ValueName: "{#ProgIdIcs}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".eml"; ValueData: ""; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".ics"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:StartApp}"; Flags: postinstall nowait skipifsilent

[Code]
{ The profile is Tradewind's per-user data folder (platformdirs: %LOCALAPPDATA%\Tradewind);
  it is kept unless the rep asks, and never asked about in a silent uninstall. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Profile: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    Profile := ExpandConstant('{localappdata}\Tradewind');
    if DirExists(Profile) and not UninstallSilent() then
      if MsgBox(FmtMessage(CustomMessage('RemoveProfile'), [Profile]),
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(Profile, True, True, True);
  end;
end;
