import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AppShell } from '@ratsinfo/web-ui';

@Component({
  selector: 'ri-root',
  imports: [RouterOutlet, AppShell],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<ri-app-shell><router-outlet /></ri-app-shell>`,
})
export class App {}
