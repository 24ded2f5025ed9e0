import { Component } from '@angular/core';

@Component({
  selector: 'ri-web-portal',
  imports: [],
  templateUrl: './web-portal.html',
  styleUrl: './web-portal.css'
})
export class WebPortal {}
