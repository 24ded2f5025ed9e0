import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthStatus } from '@ratsinfo/web-auth';
import { AppShell } from '@ratsinfo/web-ui';

@Component({
  selector: 'ri-root',
  imports: [RouterOutlet, AppShell, AuthStatus],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<ri-app-shell><ri-auth-status riShellTools /><router-outlet /></ri-app-shell>`,
})
export class App {}
