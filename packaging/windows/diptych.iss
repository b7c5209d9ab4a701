; Inno Setup 6 script: a per-user (or, if chosen, per-machine) installer of the PyInstaller bundle,
; with the .diptych file association. Build on Windows after `make package` equivalent:
;   pyinstaller --noconfirm --clean packaging\diptych.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\diptych.iss      -> dist\Diptych-0.1.0-setup.exe
; Written after the association example of the Inno Setup FAQ; not tested on Windows here.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "diptych.exe"
#define ProgId "Diptych.Project"

[Setup]
AppId={{6F1C2B7E-3D4A-4C8E-9A51-2E7B9D0C4F13}
AppName=Diptych
AppVersion={#AppVersion}
AppPublisher=Diptych developers
AppComments=Check an article against its reference, claim by claim
DefaultDirName={autopf}\Diptych
DefaultGroupName=Diptych
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=Diptych-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\diptych.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Per-user by default (no administrator rights); HKA below follows the choice.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes

[Tasks]
Name: "association"; Description: "Open .diptych project files with Diptych"; GroupDescription: "File types:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\diptych\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\resources\icons\application-x-diptych-project.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\Diptych"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\Diptych"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .diptych -> Diptych.Project; "%1" is the double-clicked file (Diptych also accepts two articles).
Root: HKA; Subkey: "Software\Classes\.diptych"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.diptych"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-diptych-project"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.diptych\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Diptych project"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\application-x-diptych-project.ico,0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: association
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".diptych"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "Diptych"; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,Diptych}"; Flags: nowait postinstall skipifsilent
